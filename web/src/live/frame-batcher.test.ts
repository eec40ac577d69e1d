import { describe, expect, it } from 'vitest';
import { createFrameBatcher } from './frame-batcher';

describe('createFrameBatcher', () => {
  it('hands over everything pushed before a frame at once, in order, then starts afresh', () => {
    const frames: (() => void)[] = [];
    const flushed: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => flushed.push(items), (cb) => frames.push(cb));
    for (let i = 0; i < 1000; i++) batcher.push(i);
    expect(frames).toHaveLength(1); // one frame asked for, however many items
    expect(flushed).toEqual([]);
    frames.shift()!();
    expect(flushed).toEqual([Array.from({ length: 1000 }, (_, i) => i)]);
    batcher.push(1000);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(flushed[1]).toEqual([1000]);
  });

  it('drops what is pending once disposed', () => {
    const frames: (() => void)[] = [];
    const flushed: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => flushed.push(items), (cb) => frames.push(cb));
    batcher.push(1);
    batcher.dispose();
    frames.shift()!();
    expect(flushed).toEqual([]);
  });
});
