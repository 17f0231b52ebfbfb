package browsertest

import "testing"

func TestHost_StartsAndAnswers(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=starts")
	waitPlayground(t, ctx)
	var got struct {
		Mode      string
		Restored  bool
		ErrName   string
		ErrStatus int
		ErrFault  string
		IsError   bool
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		let err = {};
		try { await db.send("NoSuchOperation", {}); } catch (e) { err = e; }
		return { Mode: db.mode, Restored: db.restored, ErrName: err.name,
			ErrStatus: err.$metadata?.httpStatusCode, ErrFault: err.$fault, IsError: err instanceof Error };
	})()`, &got)
	if got.Mode != "worker" || got.Restored {
		t.Errorf("fresh playground: mode %q, restored %v; want worker, false", got.Mode, got.Restored)
	}
	if got.ErrName != "UnknownOperationException" || got.ErrStatus != 400 || got.ErrFault != "client" || !got.IsError {
		t.Errorf("unknown operation rejected with %+v, want an Error named UnknownOperationException, 400, client", got)
	}
}
