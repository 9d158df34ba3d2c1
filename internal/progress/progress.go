// Package progress keeps a learner's saved state — exercises passed, attempts,
// hints used, solutions revealed, checkpoint scores — in one JSON file written
// atomically, so a crash or a full disk never loses what was there before,
// and a damaged file is set aside rather than fatal. Several processes share
// the file (the interface, `check --watch`, another terminal), so every write
// is a change applied under a lock to what is on disk at that moment, keeping
// the best result of each.
package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/iactutor/iactutor/internal/msg"
)

// FileName is where progress lives inside a workspace.
const FileName = ".iactutor/progress.json"

// version is the file format; a newer file is refused rather than rewritten.
const version = 1

// Exercise is one exercise's record.
type Exercise struct {
	Passed           bool `json:"passed"`
	Attempts         int  `json:"attempts"`
	BestScore        int  `json:"bestScore"`
	LastScore        int  `json:"lastScore"`
	Max              int  `json:"max"`
	HintsUsed        int  `json:"hintsUsed"`
	SolutionRevealed bool `json:"solutionRevealed"`
}

// Checkpoint is one lesson checkpoint's record: the answers judged right,
// the questions answered, and how many times each was answered.
type Checkpoint struct {
	Correct  map[string]bool `json:"correct"`
	Answered map[string]bool `json:"answered"`
	Attempts map[string]int  `json:"attempts,omitempty"`
}

// Score counts the right answers.
func (c Checkpoint) Score() int {
	n := 0
	for _, ok := range c.Correct {
		if ok {
			n++
		}
	}
	return n
}

// State is the whole file.
type State struct {
	Version     int                    `json:"version"`
	Exercises   map[string]*Exercise   `json:"exercises"`
	Checkpoints map[string]*Checkpoint `json:"checkpoints"`
	// Last is the lesson or exercise the learner opened last, so the
	// course map opens there: results alone cannot tell which of two
	// lessons was read last. Files written before it existed have none.
	Last string `json:"last,omitempty"`
}

// New returns an empty state.
func New() *State {
	return &State{Version: version, Exercises: map[string]*Exercise{}, Checkpoints: map[string]*Checkpoint{}}
}

// Exercise returns the record for id, creating it.
func (s *State) Exercise(id string) *Exercise {
	e, ok := s.Exercises[id]
	if !ok {
		e = &Exercise{}
		s.Exercises[id] = e
	}
	return e
}

// Checkpoint returns the record for a lesson, creating it.
func (s *State) Checkpoint(lesson string) *Checkpoint {
	c, ok := s.Checkpoints[lesson]
	if !ok {
		c = &Checkpoint{}
		s.Checkpoints[lesson] = c
	}
	if c.Attempts == nil {
		c.Attempts = map[string]int{}
	}
	if c.Correct == nil {
		c.Correct = map[string]bool{}
	}
	if c.Answered == nil {
		c.Answered = map[string]bool{}
	}
	return c
}

// Store reads and changes the progress file of one workspace. Several
// processes share that file — the interface, `check --watch`, a `hint` in
// another terminal — so it is never written from a copy held in memory:
// every change is applied to the state read afresh under an exclusive lock
// on a lock file beside it, then written atomically, and the lock released.
type Store struct {
	// Path is the progress file.
	Path string
	// Now stamps the name of a damaged file set aside; injected for tests.
	Now func() time.Time
}

// NewStore returns the store of a workspace folder.
func NewStore(workspace string) *Store {
	return &Store{Path: filepath.Join(workspace, filepath.FromSlash(FileName)), Now: time.Now}
}

// LockPath is the lock file: a separate file, so that the progress file
// itself can still be replaced by a rename.
func (st *Store) LockPath() string { return st.Path + ".lock" }

// A Change is one thing the learner did (a check, an answer, a hint),
// applied by Apply to the freshly read state while the file is locked. It
// must only add to what is there (the State methods keep the best result),
// never replace the whole state.
type Change func(*State)

// lock takes the progress lock, creating the folder when create is set.
func (st *Store) lock(create bool) (unlock func(), err error) {
	if create {
		if err := os.MkdirAll(filepath.Dir(st.Path), 0o755); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(st.LockPath(), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		_ = unlockFile(f)
		f.Close()
	}, nil
}

// Load reads the state. A missing file is an empty state. A damaged file
// (not JSON, wrong shape) is renamed aside and an empty state returned with a
// notice for the learner, left in no language so the caller's printer says
// it; the error is only for I/O failures and files from a newer iactutor,
// which must not be overwritten. Reading takes the lock too, because
// setting a damaged file aside must not move a good one another process has
// just written in its place; a workspace where the lock file cannot be
// created (read-only) is read without it.
func (st *Store) Load() (s *State, notice msg.Text, err error) {
	if _, err := os.Stat(filepath.Dir(st.Path)); errors.Is(err, fs.ErrNotExist) {
		return New(), msg.Text{}, nil
	}
	if unlock, err := st.lock(false); err == nil {
		defer unlock()
	}
	return st.load()
}

// load reads the state; the caller holds the lock.
func (st *Store) load() (s *State, notice msg.Text, err error) {
	b, err := os.ReadFile(st.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return New(), msg.Text{}, nil
	}
	if err != nil {
		return nil, msg.Text{}, msg.Errorf("progress.cannot-read", msg.Args{"Path": st.Path}, err)
	}
	s = New()
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(s); err != nil || s.Exercises == nil && s.Checkpoints == nil && s.Version == 0 {
		aside := st.asideName()
		if rerr := os.Rename(st.Path, aside); rerr != nil {
			return nil, msg.Text{}, msg.Errorf("progress.cannot-move-aside", msg.Args{"Path": st.Path}, rerr)
		}
		// The decoder's own words are not ours to translate.
		why := msg.New("progress.damaged.empty", nil)
		if err != nil {
			why = msg.Plain(err.Error())
		}
		return New(), msg.New("progress.damaged", msg.Args{"Reason": why, "Path": aside}), nil
	}
	if s.Version > version {
		return nil, msg.Text{}, msg.Errorf("progress.newer-format", msg.Args{"Path": st.Path, "Format": s.Version}, nil)
	}
	s.Version = version
	if s.Exercises == nil {
		s.Exercises = map[string]*Exercise{}
	}
	if s.Checkpoints == nil {
		s.Checkpoints = map[string]*Checkpoint{}
	}
	// A hand-edited file may hold null records; treat them as fresh ones.
	for k, e := range s.Exercises {
		if e == nil {
			s.Exercises[k] = &Exercise{}
		}
	}
	for k, c := range s.Checkpoints {
		if c == nil {
			delete(s.Checkpoints, k)
		}
	}
	return s, msg.Text{}, nil
}

// asideName is a name for a damaged file that no earlier damaged file has,
// so setting one aside never overwrites another.
func (st *Store) asideName() string {
	base := fmt.Sprintf("%s.damaged-%s", st.Path, st.Now().UTC().Format("20060102T150405Z"))
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// Apply reads the state under the lock, applies the changes in order and
// writes the result atomically before releasing the lock. It returns the
// state as written, so a caller that shows progress (the interface) sees
// what other processes recorded too, and any notice from loading.
func (st *Store) Apply(changes ...Change) (*State, msg.Text, error) {
	unlock, err := st.lock(true)
	if err != nil {
		return nil, msg.Text{}, msg.Errorf("progress.cannot-lock", msg.Args{"Path": st.LockPath()}, err)
	}
	defer unlock()
	s, notice, err := st.load()
	if err != nil {
		return nil, notice, err
	}
	for _, c := range changes {
		c(s)
	}
	return s, notice, st.save(s)
}

// save writes the state atomically: a temporary file in the same folder,
// synced, then renamed over the old one. The caller holds the lock.
func (st *Store) save(s *State) error {
	dir := filepath.Dir(st.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	tmp, err := os.CreateTemp(dir, ".progress-*.tmp")
	if err != nil {
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	if err := tmp.Close(); err != nil {
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	if err := os.Rename(tmp.Name(), st.Path); err != nil {
		return msg.Errorf("progress.cannot-save", msg.Args{"Path": st.Path}, err)
	}
	return nil
}

// QuestionCorrect reports whether a checkpoint question was answered right;
// with ExercisePassed it lets the module checklist read progress.
func (s *State) QuestionCorrect(lesson, question string) bool {
	c, ok := s.Checkpoints[lesson]
	return ok && c.Correct[question]
}

// ExercisePassed reports whether an exercise was passed.
func (s *State) ExercisePassed(id string) bool {
	e, ok := s.Exercises[id]
	return ok && e.Passed
}

// Clone copies the state, so the interface can hand a snapshot to a
// background command while it goes on changing its own.
func (s *State) Clone() *State {
	c := New()
	c.Version, c.Last = s.Version, s.Last
	for k, v := range s.Exercises {
		e := *v
		c.Exercises[k] = &e
	}
	for k, v := range s.Checkpoints {
		c.Checkpoints[k] = &Checkpoint{Correct: maps.Clone(v.Correct), Answered: maps.Clone(v.Answered), Attempts: maps.Clone(v.Attempts)}
	}
	return c
}
