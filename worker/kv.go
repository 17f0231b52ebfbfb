//go:build js && wasm

package main

import (
	"context"
	"errors"
	"syscall/js"
	"time"

	"github.com/ddbplay/ddbplay/web/shortlink"
)

// kvStore is a shortlink.Store on a Workers KV namespace: each link is a
// value under its id, with the expiry both as KV's own expiration (KV
// deletes it then) and in the value's metadata ({"expires": unix seconds})
// so that Get can report it.
type kvStore struct {
	ns js.Value
}

func (s kvStore) Get(_ context.Context, id string) (shortlink.Entry, error) {
	if s.ns.IsUndefined() {
		return shortlink.Entry{}, errors.New("worker: no KV namespace bound as LINKS")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("type", "arrayBuffer")
	res, err := await(s.ns.Call("getWithMetadata", id, opts))
	if err != nil {
		return shortlink.Entry{}, err
	}
	value := res.Get("value")
	if value.IsNull() || value.IsUndefined() {
		return shortlink.Entry{}, shortlink.ErrNotFound
	}
	arr := js.Global().Get("Uint8Array").New(value)
	data := make([]byte, arr.Length())
	js.CopyBytesToGo(data, arr)
	e := shortlink.Entry{Data: data, Expires: time.Now().Add(time.Hour)}
	if md := res.Get("metadata"); md.Type() == js.TypeObject && md.Get("expires").Type() == js.TypeNumber {
		e.Expires = time.Unix(int64(md.Get("expires").Float()), 0)
	}
	return e, nil
}

func (s kvStore) Put(_ context.Context, id string, e shortlink.Entry) error {
	if s.ns.IsUndefined() {
		return errors.New("worker: no KV namespace bound as LINKS")
	}
	arr := js.Global().Get("Uint8Array").New(len(e.Data))
	js.CopyBytesToJS(arr, e.Data)
	md := js.Global().Get("Object").New()
	md.Set("expires", e.Expires.Unix())
	opts := js.Global().Get("Object").New()
	opts.Set("expiration", e.Expires.Unix())
	opts.Set("metadata", md)
	_, err := await(s.ns.Call("put", id, arr, opts))
	return err
}

// rateLimiter is a shortlink.Limiter on a Workers rate-limiting binding,
// whose limit and period are set in wrangler.toml.
type rateLimiter struct {
	binding js.Value
}

func (l rateLimiter) Allow(_ context.Context, client string) (bool, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("key", client)
	res, err := await(l.binding.Call("limit", opts))
	if err != nil {
		return false, err
	}
	return res.Get("success").Truthy(), nil
}

// await waits for a JavaScript promise.
func await(p js.Value) (js.Value, error) {
	done := make(chan struct{})
	var result js.Value
	var failure error
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			result = args[0]
		}
		close(done)
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 {
			msg = args[0].Call("toString").String()
		}
		failure = errors.New(msg)
		close(done)
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	<-done
	return result, failure
}
