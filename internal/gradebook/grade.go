package gradebook

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/workspace"
)

// DefaultTimeout bounds the grading of one submission. A real submission
// grades in milliseconds; the limit exists so one pathological folder cannot
// hold up a whole class.
const DefaultTimeout = 10 * time.Second

// ErrUnknownStudent is returned when Options.Students names a student the
// graded folder does not hold.
var ErrUnknownStudent = errors.New("no such student")

// Options says what to grade and how.
type Options struct {
	// Course and Source are the exercises graded against and where their
	// start files are read from (to score an untouched submission 0).
	Course *course.Course
	Source course.Source
	// Exercises restricts grading to these IDs (all when empty); the
	// caller checks they exist.
	Exercises []string
	// Students restricts grading to these students (all when empty): a
	// folder or file name, the name shown, or an LMS user ID; names match
	// in any Unicode normalization form.
	Students []string
	// Lang is the language whose collation orders the students (the
	// course's); an empty or unknown one sorts by the root collation.
	Lang string
	// Single grades dir as one learner's workspace, whatever it holds.
	Single bool
	// Jobs is how many submissions are graded at once; 0 means one per CPU.
	Jobs int
	// Timeout bounds one submission; 0 means DefaultTimeout.
	Timeout time.Duration
	// KeepSources keeps the graded bytes in each result, for feedback.
	KeepSources bool
	// Progress, when set, is called after each submission with how many
	// are done out of how many, always from the goroutine that called Grade.
	Progress func(done, total int)
	// Now, when set, times each submission (ExerciseResult.Elapsed). It is
	// injected so that a run without it prints no time at all.
	Now func() time.Time

	// beforeGrade, in tests, runs in each submission's goroutine just before
	// it is graded, to simulate a crash or a hang.
	beforeGrade func(student, exercise string)
}

// job is one student's exercise to grade.
type job struct {
	student, exercise int
	dir               string     // the exercise folder
	arch              *archiveFS // the archive holding dir; nil on disk
	name              string     // the student's folder name
}

// Grade grades every student found under dir. The error is for a folder that
// cannot be read at all or an unknown --student; problems with one student
// or one submission are recorded in the gradebook and the batch goes on.
func Grade(ctx context.Context, dir string, opt Options) (*Gradebook, error) {
	if opt.Course == nil {
		return nil, errors.New("no course to grade against")
	}
	exercises, err := selectExercises(opt.Course, opt.Exercises)
	if err != nil {
		return nil, err
	}
	isExercise := func(name string) bool { _, ok := opt.Course.Exercise(name); return ok }
	cl, err := discover(dir, isExercise, opt.Single)
	if err != nil {
		return nil, err
	}
	cl.keep = keepFiles(exercises)
	if cl.students, err = selectStudents(cl.students, opt.Students, dir); err != nil {
		return nil, err
	}

	ws := &workspace.Workspace{Course: opt.Course, Src: opt.Source}
	start := make([]map[string][]byte, len(exercises))
	for i, ex := range exercises {
		if start[i], err = ws.Files(ex, "start"); err != nil {
			return nil, fmt.Errorf("reading the course's start files: %w", err)
		}
	}

	gb := &Gradebook{Exercises: exercises}
	if opt.KeepSources {
		gb.known = map[string]map[string]bool{}
		for i, ex := range exercises {
			sol, err := ws.Files(ex, "solution")
			if err != nil {
				return nil, fmt.Errorf("reading the course's solution files: %w", err)
			}
			gb.known[ex.ID] = knownLines(start[i], sol)
		}
	}
	for _, ex := range exercises {
		gb.Max += ex.Points()
	}
	gb.Students = make([]Student, len(cl.students))
	var jobs []job
	for si, sd := range cl.students {
		s := &gb.Students[si]
		s.Name, s.Max = displayName(sd.name), gb.Max
		s.LMS, s.UserID, s.Late = sd.lms, sd.userID, sd.late
		s.Exercises = make([]ExerciseResult, len(exercises))
		why := sd.err
		var f found
		if why.IsZero() {
			f, why = cl.locate(sd, isExercise)
			for _, u := range f.unknown {
				if !sd.workspace {
					u = sd.name + "/" + u
				}
				gb.Summary.Unknown = append(gb.Summary.Unknown, u)
			}
		}
		for ei, ex := range exercises {
			if !why.IsZero() {
				s.Exercises[ei] = unscored(ex, StatusError, why)
				continue
			}
			res, j := cl.place(f, ex)
			if j == nil {
				s.Exercises[ei] = res
				continue
			}
			j.student, j.exercise, j.name = si, ei, sd.raw
			jobs = append(jobs, *j)
			s.Exercises[ei].Location = res.Location
		}
	}

	r := &runner{
		g: grader.New(), exercises: exercises, start: start,
		timeout: cmp.Or(opt.Timeout, DefaultTimeout), keep: opt.KeepSources,
		beforeGrade: opt.beforeGrade, now: opt.Now,
	}
	if err := r.run(ctx, jobs, gb, cmp.Or(opt.Jobs, runtime.NumCPU()), opt.Progress); err != nil {
		return nil, err
	}

	for i := range gb.Students {
		s := &gb.Students[i]
		for _, er := range s.Exercises {
			s.Score += er.Score
		}
	}
	sortStudents(gb.Students, opt.Lang)
	slices.Sort(gb.Summary.Unknown)
	gb.Summary = summarize(gb)
	return gb, nil
}

func selectExercises(c *course.Course, ids []string) ([]*course.Exercise, error) {
	if len(ids) == 0 {
		return slices.Clone(c.Exercises), nil
	}
	var out []*course.Exercise
	for _, ex := range c.Exercises {
		if slices.Contains(ids, ex.ID) {
			out = append(out, ex)
		}
	}
	for _, id := range ids {
		if _, ok := c.Exercise(id); !ok {
			return nil, msg.Errorf("gradebook.no-exercise", msg.Args{"Exercise": id}, nil)
		}
	}
	return out, nil
}

func selectStudents(all []studentDir, names []string, dir string) ([]studentDir, error) {
	if len(names) == 0 {
		return all, nil
	}
	var out []studentDir
	for _, s := range all {
		if slices.ContainsFunc(names, s.is) {
			out = append(out, s)
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(all, func(s studentDir) bool { return s.is(n) }) {
			return nil, &msg.Error{Text: msg.New("gradebook.no-student", msg.Args{"Student": n, "Dir": dir}), Kind: ErrUnknownStudent}
		}
	}
	return out, nil
}

// is tells whether --student n names this student: by folder or file name,
// shown name, or LMS user ID. Names are compared in NFC, so a decomposed
// "Tomás" from a macOS folder is the "Tomás" typed at the prompt.
func (s studentDir) is(n string) bool {
	n = displayName(n)
	return n == displayName(s.raw) || n == displayName(s.name) || (s.userID != "" && n == s.userID)
}

// place decides one exercise of a student from where it was found: graded
// (j is the job), missing, or an error that says why. Two folders for one
// exercise are an error, never a guess at which the student meant.
func (c *class) place(f found, ex *course.Exercise) (ExerciseResult, *job) {
	ps := f.places[ex.ID]
	switch {
	case len(ps) > 1:
		var wheres []string
		for _, p := range ps {
			wheres = append(wheres, p.where)
		}
		return unscored(ex, StatusError, msg.New("gradebook.found-twice", msg.Args{"Folders": strings.Join(wheres, ", ")})), nil
	case len(ps) == 0 && len(f.problems) > 0:
		return unscored(ex, StatusError, msg.New("gradebook.not-found-unreadable", msg.Args{"Reason": f.problems[0]})), nil
	case len(ps) == 0:
		return unscored(ex, StatusMissing, msg.Text{}), nil
	}
	p := ps[0]
	loc := ""
	if p.where != ex.ID {
		loc = p.where
	}
	var res ExerciseResult
	switch {
	case p.link:
		res = unscored(ex, StatusError, msg.New("gradebook.archive.link", nil))
	case p.arch != nil:
		return ExerciseResult{Location: loc}, &job{dir: p.dir, arch: p.arch}
	default:
		missing, why := c.exerciseDir(p.dir)
		switch {
		case missing:
			res = unscored(ex, StatusMissing, msg.Text{})
		case !why.IsZero():
			res = unscored(ex, StatusError, why)
		default:
			return ExerciseResult{Location: loc}, &job{dir: p.dir}
		}
	}
	res.Location = loc
	return res, nil
}

// unscored is the result of a submission that was not graded: every check
// failed, no points.
func unscored(ex *course.Exercise, st Status, why msg.Text) ExerciseResult {
	r := ExerciseResult{Exercise: ex, Status: st, Error: why, Max: ex.Points(), Diagnostics: diag.Diagnostics{}}
	r.Checks = make([]grader.CheckResult, len(ex.Checks))
	for i, c := range ex.Checks {
		r.Checks[i] = grader.CheckResult{ID: c.ID, Max: c.Points, Message: msg.Translated(c.Message)}
	}
	return r
}

// runner grades jobs in a worker pool.
type runner struct {
	g           *grader.Grader
	exercises   []*course.Exercise
	start       []map[string][]byte
	timeout     time.Duration
	keep        bool
	memo        memo
	beforeGrade func(student, exercise string)
	now         func() time.Time
}

func (r *runner) run(ctx context.Context, jobs []job, gb *Gradebook, workers int, progress func(int, int)) error {
	workers = max(1, min(workers, len(jobs)))
	queue := make(chan int)
	done := make(chan struct{}, len(jobs))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range queue {
				j := jobs[i]
				// Each worker writes only its own job's slot, so no lock is
				// needed and the order never depends on scheduling.
				slot := &gb.Students[j.student].Exercises[j.exercise]
				var began time.Time
				if r.now != nil {
					began = r.now()
				}
				res := r.isolated(ctx, j)
				if r.now != nil {
					res.Elapsed = r.now().Sub(began)
				}
				res.Location = slot.Location // the verdict may be shared; where it was found is not
				*slot = res
				done <- struct{}{}
			}
		})
	}
	go func() {
		defer close(queue)
		for i := range jobs {
			select {
			case queue <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	n := 0
	for {
		select {
		case <-done:
			n++
			if progress != nil {
				progress(n, len(jobs))
			}
		case <-finished:
			for len(done) > 0 {
				<-done
				n++
				if progress != nil {
					progress(n, len(jobs))
				}
			}
			return ctx.Err()
		}
	}
}

// isolated grades one job in its own goroutine, so that a crash becomes an
// error result and a submission that takes too long is abandoned: the batch
// always goes on.
func (r *runner) isolated(ctx context.Context, j job) ExerciseResult {
	ex := r.exercises[j.exercise]
	ch := make(chan ExerciseResult, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- unscored(ex, StatusError, crashed(p))
			}
		}()
		if r.beforeGrade != nil {
			r.beforeGrade(j.name, ex.ID)
		}
		ch <- r.grade(j)
	}()
	timer := time.NewTimer(r.timeout)
	defer timer.Stop()
	select {
	case res := <-ch:
		return res
	case <-timer.C:
		return unscored(ex, StatusError, msg.New("gradebook.timed-out", msg.Args{"Timeout": r.timeout.String()}))
	case <-ctx.Done():
		return unscored(ex, StatusError, msg.New("gradebook.interrupted", nil))
	}
}

// crashed explains a panic in grading, quoting the panic's own words.
func crashed(p any) msg.Text {
	return msg.New("gradebook.internal-error", msg.Args{"Panic": diag.Sanitize(fmt.Sprint(p))})
}

// grade reads and grades one exercise folder. Submissions with the same
// bytes get the same verdict (their paths are relative to the student's
// folder, so even the diagnostics are equal): identical ones, such as the
// untouched start files of everyone who skipped an exercise, are graded once.
func (r *runner) grade(j job) ExerciseResult {
	ex := r.exercises[j.exercise]
	var sub grader.Submission
	if j.arch != nil {
		sub = readArchived(j.arch, j.dir, ex)
	} else {
		sub = workspace.ReadSubmission(j.dir, ex)
		relocate(&sub, j.dir, ex.ID)
	}
	sub.Start = r.start[j.exercise]
	e := r.memo.entry(j.exercise, sub)
	e.once.Do(func() {
		defer func() {
			if p := recover(); p != nil {
				e.res = unscored(ex, StatusError, crashed(p))
			}
		}()
		e.res = r.gradeSubmission(ex, sub)
	})
	return e.res
}

func (r *runner) gradeSubmission(ex *course.Exercise, sub grader.Submission) ExerciseResult {
	res := r.g.Grade(ex, sub)
	er := ExerciseResult{
		Exercise: ex, Status: StatusGraded,
		Score: res.Score, Max: res.Max, Passed: res.Passed, Unchanged: res.Unchanged,
		Checks: res.Checks, Diagnostics: res.Diagnostics,
	}
	if er.Diagnostics == nil {
		er.Diagnostics = diag.Diagnostics{}
	}
	if r.keep {
		er.Sources = make(map[string][]byte, len(sub.Files))
		for _, f := range sub.Files {
			er.Sources[f.Path] = f.Data
		}
	}
	return er
}

// memo remembers the verdict on every distinct submission of a run.
type memo struct {
	mu sync.Mutex
	m  map[memoKey]*memoEntry
}

type memoKey struct {
	exercise int
	sum      [sha256.Size]byte
}

type memoEntry struct {
	once sync.Once
	res  ExerciseResult
}

// entry finds or adds the entry for a submission's content: every file's
// name and bytes and every refusal, each length-prefixed so no two different
// submissions hash the same stream.
func (m *memo) entry(exercise int, sub grader.Submission) *memoEntry {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	for _, f := range sub.Files {
		field(f.Path)
		field(string(f.Data))
	}
	field("refused")
	for _, d := range sub.Refused {
		field(fmt.Sprintf("%s\x00%d:%d\x00%s\x00%v\x00%v\x00%v", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Rule, d.Summary, d.Detail, d.Hint))
	}
	k := memoKey{exercise: exercise}
	h.Sum(k.sum[:0])
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[memoKey]*memoEntry{}
	}
	e, ok := m.m[k]
	if !ok {
		e = &memoEntry{}
		m.m[k] = e
	}
	return e
}

// relocate renames a submission's files to "<exercise-id>/<file>", the path
// inside the student's folder: the same on every machine and wherever the
// class folder lives, and the path a student recognises in feedback.
func relocate(sub *grader.Submission, dir, id string) {
	names := make(map[string]string, len(sub.Names))
	for i, f := range sub.Files {
		name := sub.Names[f.Path]
		p := path.Join(id, name)
		sub.Files[i].Path = p
		names[p] = name
	}
	sub.Names = names
	for i := range sub.Refused {
		d := &sub.Refused[i]
		if rel, err := filepath.Rel(dir, d.Subject.Filename); err == nil && !strings.HasPrefix(rel, "..") {
			d.Subject.Filename = path.Join(id, filepath.ToSlash(rel))
		}
		repl := func(s string) string { return strings.ReplaceAll(s, dir, id) }
		d.Summary, d.Detail, d.Hint = d.Summary.Map(repl), d.Detail.Map(repl), d.Hint.Map(repl)
	}
}

// summarize computes the class summary from the students' results.
func summarize(gb *Gradebook) Summary {
	s := Summary{Students: len(gb.Students), Unknown: gb.Summary.Unknown}
	if s.Unknown == nil {
		s.Unknown = []string{}
	}
	// A student with an exercise that could not be graded has no total:
	// counting it would put an instructor-side problem into the class's
	// figures as a low score.
	var totals []int
	sum := 0
	for _, st := range gb.Students {
		if !st.Complete() {
			s.Incomplete++
			continue
		}
		totals = append(totals, st.Score)
		sum += st.Score
	}
	slices.Sort(totals)
	if n := len(totals); n > 0 {
		s.Mean = round(float64(sum)/float64(n), 100)
		if n%2 == 1 {
			s.Median = float64(totals[n/2])
		} else {
			s.Median = round(float64(totals[n/2-1]+totals[n/2])/2, 100)
		}
	}
	s.Histogram = histogram(totals, gb.Max)

	for ei, ex := range gb.Exercises {
		for ci, chk := range ex.Checks {
			cs := CheckStat{Exercise: ex.ID, Check: chk.ID, Message: msg.Translated(chk.Message)}
			for _, st := range gb.Students {
				er := st.Exercises[ei]
				if er.Status != StatusGraded || ci >= len(er.Checks) {
					continue
				}
				cs.Total++
				if er.Checks[ci].Passed {
					cs.Passed++
				}
			}
			if cs.Total > 0 {
				cs.Rate = round(float64(cs.Passed)/float64(cs.Total), 1000)
			}
			s.Checks = append(s.Checks, cs)
		}
	}
	slices.SortStableFunc(s.Checks, func(a, b CheckStat) int {
		return cmp.Or(cmp.Compare(b2i(a.Total == 0), b2i(b.Total == 0)), cmp.Compare(a.Rate, b.Rate))
	})
	if s.Checks == nil {
		s.Checks = []CheckStat{}
	}
	return s
}

// histogram splits the points 0..max into at most HistogramBuckets ranges of
// nearly equal width and counts the totals in each.
func histogram(totals []int, maxPoints int) []Bucket {
	n := min(HistogramBuckets, maxPoints+1)
	bs := make([]Bucket, n)
	for i := range bs {
		bs[i].From = i * (maxPoints + 1) / n
		bs[i].To = (i+1)*(maxPoints+1)/n - 1
	}
	for _, t := range totals {
		for i := range bs {
			if t >= bs[i].From && t <= bs[i].To {
				bs[i].Count++
				break
			}
		}
	}
	return bs
}

func round(x, unit float64) float64 { return math.Round(x*unit) / unit }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
