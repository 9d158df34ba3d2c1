// Package watch tells when a learner saves a file in an exercise folder, so
// `check --watch` and the TUI re-grade on save. It uses file-system events
// where they arrive and polls where they do not (WSL mounts of Windows
// drives, network file systems, some containers).
package watch

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/iactutor/iactutor/internal/msg"
)

// Options tunes a watcher.
type Options struct {
	// Poll forces polling instead of file-system events.
	Poll bool
	// Interval is the polling period (default 250 ms).
	Interval time.Duration
	// Debounce merges the burst of events one save makes (default 100 ms).
	Debounce time.Duration
}

// Mode names how changes are noticed.
type Mode string

// The two modes.
const (
	Events  Mode = "events"
	Polling Mode = "polling"
)

// Event is one report: a burst of changes under the folder, or, when Err is
// set, a problem that may stop saves from being noticed (a new folder that
// cannot be watched, the event queue overflowing, the folder vanishing), so
// the learner hears of it instead of waiting for a re-check that never
// comes.
type Event struct {
	Err error
}

// Watch reports on the returned channel, once per burst of changes, that
// something under dir changed, until ctx is done. It falls back to polling
// when events cannot be set up or are known not to arrive for dir.
func Watch(ctx context.Context, dir string, opt Options) (<-chan Event, Mode, error) {
	if opt.Interval <= 0 {
		opt.Interval = 250 * time.Millisecond
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, "", err
	}
	out := make(chan Event, 1)
	if !opt.Poll && !NeedsPolling(dir) {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			if err = addTree(w, dir); err == nil {
				go events(ctx, w, out, opt.Debounce)
				return out, Events, nil
			}
			w.Close()
		}
	}
	go poll(ctx, dir, out, opt.Interval)
	return out, Polling, nil
}

func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}

func notify(out chan Event) {
	select {
	case out <- Event{}:
	default: // a change is already pending
	}
}

// report delivers a problem; unlike a change it is not merged away, but it
// gives up when the watch ends.
func report(ctx context.Context, out chan Event, err error) {
	select {
	case out <- Event{Err: err}:
	case <-ctx.Done():
	}
}

func events(ctx context.Context, w *fsnotify.Watcher, out chan Event, debounce time.Duration) {
	defer w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						report(ctx, out, msg.Errorf("watch.new-folder", msg.Args{"Path": ev.Name}, err))
					}
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			report(ctx, out, err)
		case <-timer.C:
			notify(out)
		}
	}
}

type stamp struct {
	size int64
	mod  time.Time
	sum  [32]byte
}

// snapshot records every file's size, time and content hash (files are
// small; the hash catches saves within the file system's time resolution).
// The error is for dir itself being unreadable; a file that vanishes while
// it is read is simply left out, as the next snapshot will tell.
func snapshot(dir string) (map[string]stamp, error) {
	m := map[string]stamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		s := stamp{size: info.Size(), mod: info.ModTime()}
		if info.Mode().IsRegular() && info.Size() <= 1<<20 {
			if b, err := os.ReadFile(p); err == nil {
				s.sum = sha256.Sum256(b)
			}
		}
		m[p] = s
		return nil
	})
	return m, err
}

func same(a, b map[string]stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func poll(ctx context.Context, dir string, out chan Event, every time.Duration) {
	// Watch saw dir a moment ago, so it counts as readable until a
	// snapshot says otherwise, the first one included.
	var failing error
	check := func(err error) {
		if err != nil && failing == nil {
			report(ctx, out, msg.Errorf("watch.folder-unreadable", msg.Args{"Path": dir}, err))
		}
		failing = err
	}
	prev, err := snapshot(dir)
	check(err)
	t := time.NewTicker(every)
	defer t.Stop()
	changing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// Say so once when the folder becomes unreadable, not on every
			// tick; say nothing more until it is back.
			cur, err := snapshot(dir)
			check(err)
			switch {
			case !same(prev, cur):
				// Wait for one quiet period so an editor's truncate-then-write
				// counts as one save.
				changing = true
			case changing:
				changing = false
				notify(out)
			}
			prev = cur
		}
	}
}
