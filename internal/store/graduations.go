package store

import (
	"context"
	"database/sql"

	"devpath/internal/cohort"
)

// QueueGraduations queues a cohort's graduation jobs in one transaction,
// so a graduation is queued for every learner chosen or for none.
func (s *Store) QueueGraduations(ctx context.Context, jobs []cohort.GraduationJob) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, j := range jobs {
			if err := s.enqueue(ctx, tx, j); err != nil {
				return err
			}
		}
		return nil
	})
}
