-- +goose Up
-- Check runs are worked by the job queue from now on. A run left running by
-- the goroutines of an earlier version has no job and will never end: end it.
-- At most one run per learner is running, on every instance at once.
UPDATE check_runs SET status = 'failed', finished_at = CURRENT_TIMESTAMP WHERE status = 'running';
CREATE UNIQUE INDEX check_runs_one_running ON check_runs (user_id) WHERE status = 'running';

-- +goose Down
DROP INDEX check_runs_one_running;
