package datadir

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/datadir/wal"
	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/snapshot"
)

// Opening a data directory: its marker, the generations of snapshots and
// write logs on disk, and recovery (the newest readable snapshot, then its
// log replayed).

// checkMarker accepts a directory with our marker, or an empty one (which
// gets the marker); anything else is an error.
func (s *Store) checkMarker() error {
	path := filepath.Join(s.dir, markerName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		entries, err := os.ReadDir(s.dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.Name() != lockName {
				return fmt.Errorf("%s is not a ddbplay data directory (it holds %s but no %s); use an empty or new directory", s.dir, e.Name(), markerName)
			}
		}
		m, _ := json.Marshal(map[string]any{"format": markerFormat, "version": markerVersion})
		return writeFileSync(s.dir, markerName, append(m, '\n'))
	}
	if err != nil {
		return err
	}
	var m struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Format != markerFormat {
		return fmt.Errorf("%s: not a ddbplay data directory marker", path)
	}
	if m.Version != markerVersion {
		return fmt.Errorf("%s: data directory version %d; this ddbplay reads version %d", path, m.Version, markerVersion)
	}
	return nil
}

// generations lists the snapshot and log generations in dir, sorted, and
// removes leftover temporary files.
func (s *Store) generations() (snaps, logs []uint64, err error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".tmp") {
			_ = os.Remove(filepath.Join(s.dir, name))
			continue
		}
		if g, ok := parseGen(name, "snap-", ".json"); ok {
			snaps = append(snaps, g)
		} else if g, ok := parseGen(name, "wal-", ".log"); ok {
			logs = append(logs, g)
		}
	}
	slices.Sort(snaps)
	slices.Sort(logs)
	return snaps, logs, nil
}

func parseGen(name, prefix, suffix string) (uint64, bool) {
	hex, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	hex, ok = strings.CutSuffix(hex, suffix)
	if !ok || len(hex) != 16 {
		return 0, false
	}
	g, err := strconv.ParseUint(hex, 16, 64)
	return g, err == nil
}

func snapName(g uint64) string { return fmt.Sprintf("snap-%016x.json", g) }
func logName(g uint64) string  { return fmt.Sprintf("wal-%016x.log", g) }

// recover loads the newest snapshot and replays the logs after it.
func (s *Store) recover() error {
	snaps, logs, err := s.generations()
	if err != nil {
		return err
	}
	var g uint64
	db := engine.New(s.opts.Engine)
	if len(snaps) > 0 {
		g = snaps[len(snaps)-1]
		path := filepath.Join(s.dir, snapName(g))
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		db, err = snapshot.Import(data, snapshot.Options{Engine: s.opts.Engine, MaxBytes: len(data) + 1})
		if err != nil {
			return fmt.Errorf("snapshot %s does not load: %w", path, err)
		}
	}
	s.db.Store(db)
	s.host = db.NewHostSweeping(s.sweep)
	var live []uint64
	for _, lg := range logs {
		if lg >= g {
			live = append(live, lg)
		}
	}
	replayed := 0
	for i, lg := range live {
		last := i == len(live)-1
		l, rec, err := wal.Open(filepath.Join(s.dir, logName(lg)), last, s.replay)
		if err != nil {
			return err
		}
		replayed += rec.Records
		if rec.Dropped > 0 {
			s.logf("%s: cut off a torn record at its end (%d bytes: %s); every whole record before it is kept", l.Path(), rec.Dropped, rec.Reason)
		}
		if last {
			s.log, s.gen = l, lg
		} else if err := l.Close(); err != nil {
			return err
		}
	}
	if s.log == nil {
		l, err := wal.Create(filepath.Join(s.dir, logName(g)))
		if err != nil {
			return err
		}
		if err := syncDir(s.dir); err != nil {
			l.Close()
			return err
		}
		s.log, s.gen = l, g
	}
	s.removeBefore(g)
	if len(snaps) > 0 || replayed > 0 {
		s.logf("data directory %s: snapshot generation %d and %d logged writes recovered", s.dir, g, replayed)
	}
	return nil
}

// removeBefore deletes the snapshots and logs older than generation g.
func (s *Store) removeBefore(g uint64) {
	snaps, logs, err := s.generations()
	if err != nil {
		return
	}
	removed := false
	for _, sg := range snaps {
		if sg < g {
			removed = os.Remove(filepath.Join(s.dir, snapName(sg))) == nil || removed
		}
	}
	for _, lg := range logs {
		if lg < g {
			removed = os.Remove(filepath.Join(s.dir, logName(lg))) == nil || removed
		}
	}
	if removed {
		_ = syncDir(s.dir)
	}
}
