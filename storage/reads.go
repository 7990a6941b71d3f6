package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Reads of many keys go in pipelined chunks of readChunk commands; a job's
// chunks (and CommitBatch's batches) run up to inFlight at once, so that
// Go decoding one overlaps Redis answering the next.
const (
	readChunk = 500
	inFlight  = 4
)

// each sends cmd for every item in one pipelined round trip and returns
// the commands in the order of items. err is the first failed command's.
func each[T any, C redis.Cmder](ctx context.Context, rdb redis.UniversalClient, items []T, cmd func(redis.Pipeliner, T) C) ([]C, error) {
	cmds := make([]C, len(items))
	_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, it := range items {
			cmds[i] = cmd(p, it)
		}
		return nil
	})
	return cmds, err
}

// listJSON reads a list of JSON documents, oldest first, each decoded as a
// T; what names one in errors. open, when given, reads a stored document
// (Store.reveal).
func listJSON[T any](ctx context.Context, rdb redis.UniversalClient, key, what string, open ...func([]byte) ([]byte, error)) ([]T, error) {
	raw, err := rdb.LRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		var v T
		doc := []byte(r)
		for _, o := range open {
			if doc, err = o(doc); err != nil {
				return nil, fmt.Errorf("decode %s: %w", what, err)
			}
		}
		if err := json.Unmarshal(doc, &v); err != nil {
			return nil, fmt.Errorf("decode %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// inChunks splits total items into chunks of size (the last may be
// shorter) and calls do for each, with its index and bounds, up to
// inFlight at once; it returns when all are done.
func inChunks(total, size int, do func(n, from, to int)) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, inFlight)
	for n, from := 0, 0; from < total; n, from = n+1, from+size {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			do(n, from, min(from+size, total))
		})
	}
	wg.Wait()
}

// setOfIDs reads a set of ids, leaving out any member that is not one.
func setOfIDs(ctx context.Context, rdb redis.UniversalClient, key string) ([]int64, error) {
	vals, err := rdb.SMembers(ctx, key).Result()
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(vals))
	for _, v := range vals {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

// hashOfIDs reads a hash of id → id.
func hashOfIDs(ctx context.Context, rdb redis.UniversalClient, key string) (map[int64]int64, error) {
	m, err := rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(m))
	for k, v := range m {
		out[atoi(k)] = atoi(v)
	}
	return out, nil
}
