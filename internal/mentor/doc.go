// Package mentor is step 6 of the path, finding a mentor: mentor profiles,
// learners' requests for help with the context they attach, the queue
// mentors take requests from (with locks), mentorships, invitations a
// learner sends to someone they know, threads, feedback and each mentor's
// own figures. Which mentor suits which mentee is decided by the pure
// package assign.
package mentor
