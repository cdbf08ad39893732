//! Work over `0..n` in worker threads, taken in index order: how an audit uses every core
//! while memory holds a bounded number of results and every report stays the same for
//! any number of threads.

use rayon::prelude::*;

/// Map `0..n` in worker threads, `chunk` indices at a time (each thread with its own
/// scratch made by `init`), and give each result to `sink` in index order. The first
/// error from `sink` stops the walk.
pub fn map_in_order<S, T: Send, E>(
    n: usize,
    chunk: usize,
    init: impl Fn() -> S + Sync + Send,
    map: impl Fn(&mut S, usize) -> T + Sync + Send,
    mut sink: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E> {
    let mut start = 0;
    while start < n {
        let end = n.min(start + chunk.max(1));
        let done: Vec<T> = (start..end).into_par_iter().map_init(&init, &map).collect();
        for (i, t) in (start..end).zip(done) {
            sink(i, t)?;
        }
        start = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::map_in_order;

    #[test]
    fn results_come_in_index_order_whatever_the_chunk() {
        for (n, chunk) in [(0, 4), (1, 4), (10, 1), (10, 3), (100, 7), (5, 0)] {
            let mut seen = Vec::new();
            let r: Result<(), ()> = map_in_order(
                n,
                chunk,
                || 0u8,
                |_, i| i * 2,
                |i, v| {
                    seen.push((i, v));
                    Ok(())
                },
            );
            assert!(r.is_ok());
            let want: Vec<(usize, usize)> = (0..n).map(|i| (i, i * 2)).collect();
            assert_eq!(seen, want, "n {n}, chunk {chunk}");
        }
        let mut taken = 0;
        let r = map_in_order(
            20,
            4,
            || (),
            |_, i| i,
            |i, _| {
                taken += 1;
                if i == 5 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!((r, taken), (Err(5), 6), "the first error stops the walk");
    }
}
