package network

import "context"

// Export is the learner's whole network, as it goes into their data export.
type Export struct {
	Contacts     []Contact     `json:"contacts"`
	Interactions []Interaction `json:"interactions" doc:"every contact's log, by contact id"`
	Events       []Event       `json:"events" doc:"with the people met at each"`
	Communities  []Membership  `json:"communities" doc:"the communities joined"`
}

// Export reads the learner's whole network.
func (s *Service) Export(ctx context.Context, user int64) (Export, error) {
	return s.store.NetworkExport(ctx, user)
}
