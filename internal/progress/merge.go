package progress

// The methods here are the only ways progress changes. They keep the best
// result: a pass stays a pass, a question answered right stays right,
// counters only grow and a revealed solution stays revealed, whichever
// order two processes' changes arrive in. Only ResetExercise and Retake
// clear a result, because the learner asked for exactly that.

// Check records one graded attempt.
func (s *State) Check(id string, score, maxScore int, passed bool) {
	e := s.Exercise(id)
	e.Attempts++
	e.LastScore = score
	e.Max = maxScore
	e.BestScore = max(e.BestScore, score)
	e.Passed = e.Passed || passed
}

// Pass records a pass that was seen without an attempt (an exercise opened
// with files already fixed): nothing is counted, and only a pass is kept.
func (s *State) Pass(id string, score, maxScore int) {
	e := s.Exercise(id)
	e.Passed = true
	e.Max = maxScore
	e.BestScore = max(e.BestScore, score)
}

// UseHint counts the next hint of an exercise with total hints and returns
// the number of the hint to show (0 when it has none); past the last one it
// stays at the last.
func (s *State) UseHint(id string, total int) int {
	e := s.Exercise(id)
	if e.HintsUsed < total {
		e.HintsUsed++
	}
	return min(e.HintsUsed, total)
}

// RevealSolution records that the solution was shown before a pass.
func (s *State) RevealSolution(id string) {
	if e := s.Exercise(id); !e.Passed {
		e.SolutionRevealed = true
	}
}

// Answer records one answer to a checkpoint question: it is counted, and a
// wrong answer never undoes an earlier right one.
func (s *State) Answer(lesson, question string, correct bool) {
	c := s.Checkpoint(lesson)
	c.Answered[question] = true
	c.Attempts[question]++
	if correct {
		c.Correct[question] = true
	}
}

// ResetExercise clears an exercise's result (passed, scores) when the
// learner puts the start files back; attempts, hints and a revealed
// solution stay counted.
func (s *State) ResetExercise(id string) {
	e, ok := s.Exercises[id]
	if !ok {
		return
	}
	e.Passed, e.BestScore, e.LastScore = false, 0, 0
}

// Retake clears a lesson checkpoint's answers so it can be taken again; how
// many times each question was answered stays counted.
func (s *State) Retake(lesson string) {
	c, ok := s.Checkpoints[lesson]
	if !ok {
		return
	}
	c.Correct, c.Answered = map[string]bool{}, map[string]bool{}
}

// Open records the lesson or exercise the learner opened, by ID. Unlike
// results it is not a best of anything: the latest opening wins.
func (s *State) Open(id string) {
	if id != "" {
		s.Last = id
	}
}

// Merge adds what other knows to s, keeping the best of both. It is for
// putting back what a process still holds in memory after the file was
// found damaged and set aside; between processes, changes go through Apply.
func (s *State) Merge(other *State) {
	if other == nil {
		return
	}
	// The file (s) was written last, so its place wins when it has one.
	if s.Last == "" {
		s.Last = other.Last
	}
	for id, o := range other.Exercises {
		if o == nil {
			continue
		}
		e := s.Exercise(id)
		if o.Attempts > e.Attempts {
			e.LastScore = o.LastScore
		}
		e.Passed = e.Passed || o.Passed
		e.Attempts = max(e.Attempts, o.Attempts)
		e.BestScore = max(e.BestScore, o.BestScore)
		e.Max = max(e.Max, o.Max)
		e.HintsUsed = max(e.HintsUsed, o.HintsUsed)
		e.SolutionRevealed = e.SolutionRevealed || o.SolutionRevealed
	}
	for l, o := range other.Checkpoints {
		if o == nil {
			continue
		}
		c := s.Checkpoint(l)
		for q, ok := range o.Correct {
			c.Correct[q] = c.Correct[q] || ok
		}
		for q, ok := range o.Answered {
			c.Answered[q] = c.Answered[q] || ok
		}
		for q, n := range o.Attempts {
			c.Attempts[q] = max(c.Attempts[q], n)
		}
	}
}
