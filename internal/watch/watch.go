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

// Watch reports on the returned channel, once per burst of changes, that
// something under dir changed, until ctx is done. It falls back to polling
// when events cannot be set up or are known not to arrive for dir.
func Watch(ctx context.Context, dir string, opt Options) (<-chan struct{}, Mode, error) {
	if opt.Interval <= 0 {
		opt.Interval = 250 * time.Millisecond
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, "", err
	}
	out := make(chan struct{}, 1)
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

func notify(out chan struct{}) {
	select {
	case out <- struct{}{}:
	default: // a change is already pending
	}
}

func events(ctx context.Context, w *fsnotify.Watcher, out chan struct{}, debounce time.Duration) {
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
					_ = addTree(w, ev.Name)
				}
			}
			timer.Reset(debounce)
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
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
func snapshot(dir string) map[string]stamp {
	m := map[string]stamp{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
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
	return m
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

func poll(ctx context.Context, dir string, out chan struct{}, every time.Duration) {
	prev := snapshot(dir)
	t := time.NewTicker(every)
	defer t.Stop()
	changing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			cur := snapshot(dir)
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
