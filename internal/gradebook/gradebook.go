// Package gradebook grades a whole class: it finds every student's exercise
// folders under one directory, grades each submission in a worker pool with
// the same grader the learner meets, and summarises the class. It computes a
// Gradebook value and knows nothing of printing; the output formats in this
// package (table, JSON, CSV, JUnit, Gradescope, feedback) only read that value.
package gradebook

import (
	"slices"
	"strings"
	"time"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
)

// Status says what happened to one student's exercise.
type Status string

// The statuses of an exercise in the gradebook.
const (
	// StatusGraded: the folder was read and graded (whatever the score).
	StatusGraded Status = "graded"
	// StatusMissing: the student has no folder for the exercise; it scores 0.
	StatusMissing Status = "missing"
	// StatusError: the folder could not be read or grading could not finish
	// (unreadable, a link out of the class, a timeout, a crash); it scores 0
	// and Error says why.
	StatusError Status = "error"
)

// Gradebook is the outcome of grading a class: every student's results in a
// fixed order (students by name, exercises in course order) and a summary,
// so every format prints the same thing byte for byte from run to run. It
// holds messages, not words: each writer's printer chooses the language, so
// one grading run can be printed in any of them.
type Gradebook struct {
	// Exercises are the graded exercises, in course order.
	Exercises []*course.Exercise
	// Max is the most a student can score over Exercises.
	Max int
	// Students are sorted by name.
	Students []Student
	// Summary describes the class as a whole.
	Summary Summary
	// known holds, per exercise ID, the lines of its start and solution
	// files, for Similar; set only with Options.KeepSources.
	known map[string]map[string]bool
}

// Student is one student's results.
type Student struct {
	// Name is the folder name with terminal control characters removed; it
	// is shown in every format. File names are derived from it by FileName.
	Name string
	// LMS ("canvas", "moodle") and UserID say which LMS download the
	// submission came from and the user ID its name carries; Late is
	// Canvas's mark of a late submission. All are empty for a plain folder.
	LMS, UserID string
	Late        bool
	// Score and Max are summed over the student's exercises; Score counts
	// only what was graded (see Complete).
	Score, Max int
	// Exercises has one entry per graded exercise, in course order.
	Exercises []ExerciseResult
}

// ExerciseResult is one student's result on one exercise.
type ExerciseResult struct {
	Exercise *course.Exercise
	Status   Status
	// Location is where the exercise folder was found inside the student's
	// submission ("iactutor/k8s-hpa-target", "work.zip/k8s-hpa-target")
	// when it is not simply the folder named by the exercise's ID.
	Location string
	// Error explains StatusError; zero otherwise.
	Error msg.Text
	// Score, Max, Passed, Checks, Diagnostics and Unchanged are the
	// grader's verdict. For a missing or failed submission every check is
	// listed as failed with no points, so per-check formats stay complete.
	Score, Max  int
	Passed      bool
	Unchanged   bool
	Checks      []grader.CheckResult
	Diagnostics diag.Diagnostics
	// Sources maps each diagnostic file name to the bytes that were graded,
	// so feedback can quote the student's lines without reading the disk a
	// second time. It is filled only when Options.KeepSources is set.
	Sources map[string][]byte
	// Elapsed is how long grading took, measured only when Options.Now is
	// set (JUnit reports it); zero otherwise, so output stays the same
	// from run to run.
	Elapsed time.Duration
	// Overrides are the instructor's corrections applied to this result
	// (ApplyOverrides), in file order; Score and Checks already hold them.
	Overrides []Applied
}

// Summary describes the class.
type Summary struct {
	// Students is how many students were graded.
	Students int
	// Incomplete is how many students have an exercise that could not be
	// graded; they are left out of Mean, Median and Histogram.
	Incomplete int
	// Mean and Median are of the complete students' totals, rounded to two
	// decimals.
	Mean, Median float64
	// Histogram buckets the totals into at most HistogramBuckets ranges of
	// points, lowest first.
	Histogram []Bucket
	// Checks gives every check's pass rate over the graded submissions,
	// lowest rate first: the mistakes the class makes most come first.
	Checks []CheckStat
	// Unknown lists folders that are neither students nor exercises, as
	// paths relative to the graded folder, so the instructor sees what was
	// left out.
	Unknown []string
}

// Complete tells whether every exercise of the student was read: a student
// with an error has no total, since the error is not a score of 0.
func (s Student) Complete() bool {
	for _, er := range s.Exercises {
		if er.Status == StatusError {
			return false
		}
	}
	return true
}

// UnknownNotice tells the instructor which folders were left out of the
// grading; it is zero when every folder was a student or an exercise.
func (s Summary) UnknownNotice() msg.Text {
	if len(s.Unknown) == 0 {
		return msg.Text{}
	}
	return msg.New("gradebook.unknown-folders", msg.Args{"Folders": strings.Join(s.Unknown, ", ")})
}

// HistogramBuckets is how many ranges the histogram of totals has: few
// enough to read at a glance, enough to show the shape of a class.
const HistogramBuckets = 5

// Bucket counts the students whose total lies in From..To (inclusive).
type Bucket struct {
	From, To int
	Count    int
}

// CheckStat is how many graded submissions passed one check.
type CheckStat struct {
	Exercise string
	Check    string
	Message  msg.Text
	Passed   int
	Total    int
	// Rate is Passed/Total rounded to three decimals (0 when Total is 0).
	Rate float64
}

// Explaining picks the diagnostics that explain why a check failed, for
// formats that attach them to one check (JUnit, feedback): the validators'
// findings for a "no errors" check, the failed expectation's own diagnostic
// for an expression check, and refused files for every check.
func (r ExerciseResult) Explaining(i int) diag.Diagnostics {
	if i < 0 || i >= len(r.Checks) || r.Exercise == nil || i >= len(r.Exercise.Checks) {
		return nil
	}
	cr, chk := r.Checks[i], r.Exercise.Checks[i]
	var out diag.Diagnostics
	for _, d := range r.Diagnostics {
		switch {
		case isRefusal(d):
			out = append(out, d)
		case chk.Validators != nil:
			if d.Rule != "" && (d.Severity == diag.SeverityError || slices.Contains(chk.Validators.Warnings, d.Rule)) {
				out = append(out, d)
			}
		default:
			if d.Rule == "" && d.Check == cr.ID {
				out = append(out, d)
			}
		}
	}
	return out
}

// isRefusal: a file the reader refused (too big, binary, a link out, missing).
func isRefusal(d diag.Diagnostic) bool { return strings.HasPrefix(d.Rule, "file/") }
