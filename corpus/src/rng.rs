//! The seeded random numbers of the generator.
//!
//! Every stream is ChaCha8 keyed by (seed, center index, purpose), so a center is a pure
//! function of its index whatever thread generates it. The few distributions the
//! generator needs are written out here with `+ - * /` and `sqrt` only (no `ln`, `exp`,
//! `cos` from the platform's libm, whose last bit may differ between systems), so the
//! same arguments give the same bytes on every platform and with every `rand` version.

use rand_chacha::rand_core::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Rng(ChaCha8Rng);

/// FNV-1a, to turn a purpose tag into key bytes.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Rng {
    /// The stream of center `index` for `purpose` in a run with `seed`.
    pub fn new(seed: u64, index: u64, purpose: &str) -> Rng {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8..16].copy_from_slice(&index.to_le_bytes());
        key[16..24].copy_from_slice(&fnv1a(purpose).to_le_bytes());
        key[24..].copy_from_slice(b"sscheck\x01");
        Rng(ChaCha8Rng::from_seed(key))
    }

    pub fn u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform index in 0..n (n > 0), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.u64()) * n as u128) >> 64) as usize
    }

    /// Uniform integer in lo..=hi.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An index drawn with the given relative weights.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Normal(mu, sd), as the Irwin–Hall sum of 12 uniforms (tails cut at 6 sd).
    pub fn gauss(&mut self, mu: f64, sd: f64) -> f64 {
        let s: f64 = (0..12).map(|_| self.f64()).sum();
        mu + sd * (s - 6.0)
    }

    /// exp(Normal(0, sd)): a log-normal factor around 1.
    pub fn lognormal(&mut self, sd: f64) -> f64 {
        exp(self.gauss(0.0, sd))
    }

    /// Triangular distribution on [lo, hi] with the given mode.
    pub fn triangular(&mut self, lo: f64, hi: f64, mode: f64) -> f64 {
        let u = self.f64();
        let c = (mode - lo) / (hi - lo);
        if u < c {
            lo + ((hi - lo) * (mode - lo) * u).sqrt()
        } else {
            hi - ((hi - lo) * (hi - mode) * (1.0 - u)).sqrt()
        }
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }

    /// `k` distinct indices of 0..n in random order (k <= n).
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

/// e^x with basic arithmetic only (range reduction by ln 2, then a Taylor series), exact to
/// about 1e-15 relative for the small arguments the generator uses.
pub fn exp(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    let k = (x / LN2).round();
    let r = x - k * LN2;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=20 {
        term *= r / f64::from(n);
        sum += term;
    }
    let mut scale = 1.0;
    let two = if k >= 0.0 { 2.0 } else { 0.5 };
    for _ in 0..(k.abs() as i32) {
        scale *= two;
    }
    sum * scale
}

/// x^n for a whole n, by multiplication.
pub fn powi(x: f64, n: i32) -> f64 {
    let mut out = 1.0;
    for _ in 0..n.unsigned_abs() {
        out *= x;
    }
    if n < 0 {
        1.0 / out
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_accurate() {
        for x in [-3.0, -1.0, -0.35, 0.0, 0.2, 1.0, 2.5] {
            let rel = (exp(x) - x.exp()).abs() / x.exp();
            assert!(rel < 1e-13, "{x}: {} vs {}", exp(x), x.exp());
        }
    }

    #[test]
    fn streams_depend_on_seed_index_and_purpose() {
        let a = Rng::new(1, 2, "x").u64();
        assert_eq!(a, Rng::new(1, 2, "x").u64());
        assert_ne!(a, Rng::new(1, 3, "x").u64());
        assert_ne!(a, Rng::new(2, 2, "x").u64());
        assert_ne!(a, Rng::new(1, 2, "y").u64());
    }

    #[test]
    fn gauss_has_the_right_moments() {
        let mut r = Rng::new(7, 0, "g");
        let xs: Vec<f64> = (0..20000).map(|_| r.gauss(1.0, 2.0)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / xs.len() as f64;
        assert!((mean - 1.0).abs() < 0.05, "{mean}");
        assert!((var.sqrt() - 2.0).abs() < 0.05, "{var}");
    }
}
