-- +goose Up
-- What a cohort dashboard asks across all learners: how many are at each
-- status per topic, and who has been learning a topic the longest. The
-- partial index is small (only rows being learnt) and keeps the planner off
-- the wider one for the "stuck" question.
CREATE INDEX progress_by_topic ON progress (roadmap, topic, status);
CREATE INDEX progress_learning ON progress (roadmap, topic, updated_at) WHERE status = 'learning';

-- +goose Down
DROP INDEX progress_learning;
DROP INDEX progress_by_topic;
