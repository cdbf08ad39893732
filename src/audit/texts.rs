//! Many short texts (paths, center ids, names: one or a few per center) kept in one
//! arena: a single `String` and one `u32` end offset per text, instead of one heap
//! allocation (and its 24-byte `String` and allocator overhead) each. An audit keeps a
//! few of these per center for the whole run, so this is most of what memory holds per
//! center.

/// The end offset of a text that is absent (`None`): the high bit set, the offset below
/// it unchanged (the next text starts there).
const ABSENT: u32 = 1 << 31;

/// The arena is full: more than 2 GiB of text in one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// A list of optional texts in one arena, read back by index.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Texts {
    text: String,
    /// Per text, where it ends in `text` (or where the absent text would end, with
    /// [`ABSENT`] set).
    ends: Vec<u32>,
}

impl Texts {
    pub fn new() -> Texts {
        Texts::default()
    }

    /// Room for `texts` texts of `bytes` bytes in all (more grow as they come).
    pub fn with_capacity(texts: usize, bytes: usize) -> Texts {
        Texts {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(texts),
        }
    }

    /// Append a text; returns its index.
    pub fn push(&mut self, s: &str) -> Result<usize, Full> {
        self.push_opt(Some(s))
    }

    /// Append an optional text (`None` takes no bytes); returns its index.
    pub fn push_opt(&mut self, s: Option<&str>) -> Result<usize, Full> {
        let end = end_offset(self.text.len(), s.map_or(0, str::len))?;
        if let Some(s) = s {
            self.text.push_str(s);
        }
        self.ends.push(if s.is_some() { end } else { end | ABSENT });
        Ok(self.ends.len() - 1)
    }

    /// Whether a text of `len` bytes still fits.
    pub fn has_room(&self, len: usize) -> bool {
        end_offset(self.text.len(), len).is_ok()
    }

    /// Text `i`; `None` when it was pushed absent. Panics when `i` is out of range, as
    /// slice indexing does.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = self.ends[i];
        if end & ABSENT != 0 {
            return None;
        }
        Some(&self.text[self.start(i)..end as usize])
    }

    /// Text `i`, an absent one read as empty.
    pub fn str(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }

    fn start(&self, i: usize) -> usize {
        match i.checked_sub(1) {
            Some(prev) => (self.ends[prev] & !ABSENT) as usize,
            None => 0,
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Give back the room grown for texts that never came (a list that is kept for
    /// the rest of a run).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Where a text of `len` bytes appended after `used` bytes ends, while that fits below
/// [`ABSENT`].
fn end_offset(used: usize, len: usize) -> Result<u32, Full> {
    used.checked_add(len)
        .and_then(|end| u32::try_from(end).ok())
        .filter(|end| end & ABSENT == 0)
        .ok_or(Full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_with_empty_and_absent_ones() {
        let mut t = Texts::new();
        assert!(t.is_empty());
        let items = [
            Some("subs/四川/成都市生产力促进中心"),
            None,
            Some(""),
            Some("a"),
            None,
            None,
            Some("温州 🚀 centre"),
            Some(""),
        ];
        for (k, s) in items.iter().enumerate() {
            assert_eq!(t.push_opt(*s), Ok(k));
        }
        assert_eq!(t.len(), items.len());
        for (k, s) in items.iter().enumerate() {
            assert_eq!(t.get(k), *s, "text {k}");
            assert_eq!(t.str(k), s.unwrap_or(""));
        }
        // Absent and empty texts differ.
        assert_eq!(t.get(1), None);
        assert_eq!(t.get(2), Some(""));
    }

    #[test]
    fn a_first_absent_text_and_a_list_of_absent_ones() {
        let mut t = Texts::with_capacity(3, 0);
        for _ in 0..3 {
            t.push_opt(None).unwrap();
        }
        assert_eq!((0..3).map(|k| t.get(k)).collect::<Vec<_>>(), [None; 3]);
        t.push("x").unwrap();
        assert_eq!(t.get(3), Some("x"));
    }

    #[test]
    fn many_texts_in_one_arena() {
        let mut t = Texts::new();
        let n = 50_000;
        for i in 0..n {
            let s = (i % 7 != 3).then(|| format!("roots/省{}/center-{i:05}", i % 31));
            t.push_opt(s.as_deref()).unwrap();
        }
        t.shrink_to_fit();
        assert_eq!(t.len(), n);
        for i in (0..n).step_by(97).chain([0, n - 1]) {
            let want = (i % 7 != 3).then(|| format!("roots/省{}/center-{i:05}", i % 31));
            assert_eq!(t.get(i), want.as_deref(), "text {i}");
        }
    }

    #[test]
    fn a_full_arena_is_an_error_not_a_panic() {
        // No 2 GiB test text: the offset arithmetic is what decides.
        let last = ABSENT as usize - 1;
        assert_eq!(end_offset(0, last), Ok(last as u32));
        assert_eq!(end_offset(last, 1), Err(Full));
        assert_eq!(end_offset(last - 1, 1), Ok(last as u32));
        assert_eq!(end_offset(usize::MAX, 1), Err(Full));
        assert_eq!(end_offset(1, u32::MAX as usize), Err(Full));
    }
}
