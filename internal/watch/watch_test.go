package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchNoticesSave drives both modes: a save is noticed within a second
// and one save is one notification.
func TestWatchNoticesSave(t *testing.T) {
	for _, poll := range []bool{false, true} {
		mode := map[bool]Mode{false: Events, true: Polling}[poll]
		t.Run(string(mode), func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "deployment.yaml")
			if err := os.WriteFile(f, []byte("replicas: 1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ch, got, err := Watch(ctx, dir, Options{Poll: poll, Interval: 50 * time.Millisecond, Debounce: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if got != mode {
				t.Fatalf("mode = %s, want %s", got, mode)
			}
			time.Sleep(100 * time.Millisecond)
			start := time.Now()
			if err := os.WriteFile(f, []byte("replicas: 2\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			select {
			case <-ch:
				t.Logf("%s noticed the save after %v", mode, time.Since(start))
			case <-time.After(time.Second):
				t.Fatalf("%s did not notice a save within a second", mode)
			}
			select {
			case <-ch:
				t.Error("one save must give one notification")
			case <-time.After(300 * time.Millisecond):
			}
			// A file created in a new sub-folder is noticed too.
			os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
			time.Sleep(150 * time.Millisecond)
			<-drain(ch)
			os.WriteFile(filepath.Join(dir, "sub", "x.yaml"), []byte("a: 1\n"), 0o644)
			select {
			case <-ch:
			case <-time.After(time.Second):
				t.Fatalf("%s did not notice a file in a new folder", mode)
			}
		})
	}
}

// drain empties pending notifications and returns a closed channel.
func drain(ch <-chan Event) <-chan struct{} {
	for {
		select {
		case <-ch:
		default:
			c := make(chan struct{})
			close(c)
			return c
		}
	}
}

func TestWatchMissingDir(t *testing.T) {
	if _, _, err := Watch(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Fatal("want an error for a missing folder")
	}
}

// TestWatchReportsAVanishedFolder: polling says once that the folder is
// gone, instead of waiting silently for saves that cannot come.
func TestWatchReportsAVanishedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ex")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, _, err := Watch(ctx, dir, Options{Poll: true, Interval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	var got error
	for got == nil {
		select {
		case ev := <-ch:
			got = ev.Err
		case <-time.After(5 * time.Second):
			t.Fatal("no report that the folder is gone")
		}
	}
	if !errors.Is(got, fs.ErrNotExist) {
		t.Errorf("reported %v, want a not-exist error", got)
	}
	select {
	case ev := <-ch:
		if ev.Err != nil {
			t.Errorf("reported twice: %v", ev.Err)
		}
	case <-time.After(200 * time.Millisecond):
	}
}
