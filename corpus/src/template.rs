//! Sentence templates: `{a|b|c}` picks one option, `<name>` is filled from the document's
//! context. The banks live in `banks.txt` (`[bank name]` then one template a line).

use std::collections::HashMap;
#[cfg(test)]
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::rng::Rng;

#[derive(Debug)]
enum Seg {
    Lit(&'static str),
    Ph(&'static str),
}

#[derive(Debug)]
enum Part {
    Seg(Seg),
    Alt(Vec<Vec<Seg>>),
}

#[derive(Debug)]
pub struct Template(Vec<Part>);

#[derive(Debug)]
pub struct Bank {
    pub id: usize,
    pub templates: Vec<Template>,
}

impl Bank {
    pub fn len(&self) -> usize {
        self.templates.len()
    }
}

fn segs(s: &'static str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        match rest[open..].find('>') {
            Some(close) => {
                if open > 0 {
                    out.push(Seg::Lit(&rest[..open]));
                }
                out.push(Seg::Ph(&rest[open + 1..open + close]));
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        out.push(Seg::Lit(rest));
    }
    out
}

/// Compile one template line.
pub fn compile(line: &'static str) -> Template {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            parts.extend(segs(&rest[..open]).into_iter().map(Part::Seg));
        }
        let inner = &rest[open + 1..open + close];
        parts.push(Part::Alt(inner.split('|').map(segs).collect()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.extend(segs(rest).into_iter().map(Part::Seg));
    }
    Template(parts)
}

/// Values of `<name>` placeholders.
pub trait Context {
    fn put(&self, name: &str, out: &mut String);
}

/// No placeholders.
pub struct NoContext;

impl Context for NoContext {
    fn put(&self, name: &str, _: &mut String) {
        panic!("template placeholder <{name}> without a context")
    }
}

fn put_segs(segs: &[Seg], ctx: &dyn Context, out: &mut String) {
    for s in segs {
        match s {
            Seg::Lit(t) => out.push_str(t),
            Seg::Ph(name) => ctx.put(name, out),
        }
    }
}

impl Template {
    pub fn expand_into(&self, r: &mut Rng, ctx: &dyn Context, out: &mut String) {
        for p in &self.0 {
            match p {
                Part::Seg(s) => put_segs(std::slice::from_ref(s), ctx, out),
                Part::Alt(options) => put_segs(&options[r.below(options.len())], ctx, out),
            }
        }
    }

    pub fn expand(&self, r: &mut Rng, ctx: &dyn Context) -> String {
        let mut s = String::with_capacity(256);
        self.expand_into(r, ctx, &mut s);
        s
    }
}

/// Expand a template string without placeholders (compiled once, then cached).
pub fn expand_str(s: &'static str, r: &mut Rng) -> String {
    static CACHE: OnceLock<std::sync::RwLock<HashMap<&'static str, &'static Template>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let cached = cache.read().ok().and_then(|m| m.get(s).copied());
    let t = cached.unwrap_or_else(|| {
        let t: &'static Template = Box::leak(Box::new(compile(s)));
        if let Ok(mut m) = cache.write() {
            m.insert(s, t);
        }
        t
    });
    t.expand(r, &NoContext)
}

static BANKS_TEXT: &str = include_str!("banks.txt");

fn banks() -> &'static HashMap<&'static str, Bank> {
    static BANKS: OnceLock<HashMap<&'static str, Bank>> = OnceLock::new();
    BANKS.get_or_init(|| {
        let mut map: HashMap<&'static str, Bank> = HashMap::new();
        let mut current: Option<&'static str> = None;
        for line in BANKS_TEXT.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(name);
                let id = map.len();
                map.entry(name).or_insert(Bank {
                    id,
                    templates: Vec::new(),
                });
                continue;
            }
            let name = current.expect("banks.txt starts with a [bank] line");
            let bank = map.get_mut(name).expect("bank exists");
            assert!(
                bank.templates.len() < 64,
                "[{name}] holds more than 64 templates"
            );
            bank.templates.push(compile(line));
        }
        map
    })
}

/// The bank called `name` (`generic`, `section service_process 服务受理`, …).
pub fn bank(name: &str) -> &'static Bank {
    banks()
        .get(name)
        .unwrap_or_else(|| panic!("no template bank [{name}]"))
}

/// The bank called `name`, if there is one.
pub fn try_bank(name: &str) -> Option<&'static Bank> {
    banks().get(name)
}

/// Draws templates for one document without repeating one until its bank is spent.
pub struct Drawer<'c> {
    /// Per bank id, a bit per template used (banks hold at most 64 templates).
    used: Vec<u64>,
    pub ctx: &'c dyn Context,
}

impl<'c> Drawer<'c> {
    pub fn new(ctx: &'c dyn Context) -> Drawer<'c> {
        Drawer {
            used: vec![0; banks().len()],
            ctx,
        }
    }

    fn is_used(&self, bank: &Bank, i: usize) -> bool {
        self.used[bank.id] & (1 << i) != 0
    }

    fn mark(&mut self, bank: &Bank, i: usize) {
        self.used[bank.id] |= 1 << i;
    }

    /// Templates of `bank` not used yet in this document.
    pub fn left(&self, bank: &Bank) -> usize {
        bank.len() - self.used[bank.id].count_ones() as usize
    }

    /// Template `i` of `bank`, marked used.
    pub fn take(&mut self, r: &mut Rng, bank: &Bank, i: usize) -> String {
        self.mark(bank, i);
        bank.templates[i].expand(r, self.ctx)
    }

    /// A paragraph of `lo..=hi` sentences from `bank`, unused ones first; with `reuse`,
    /// used ones fill up when the fresh ones run out.
    pub fn para(&mut self, r: &mut Rng, bank: &Bank, lo: usize, hi: usize, reuse: bool) -> String {
        let n = r.int(lo as i64, hi as i64) as usize;
        let fresh: Vec<usize> = (0..bank.len())
            .filter(|i| !self.is_used(bank, *i))
            .collect();
        let picks: Vec<usize> = if fresh.len() >= n {
            r.sample(fresh.len(), n)
                .into_iter()
                .map(|k| fresh[k])
                .collect()
        } else if reuse && bank.len() > 0 {
            // The fresh ones, then used ones, no template twice in one paragraph.
            let mut p = fresh.clone();
            let used: Vec<usize> = (0..bank.len()).filter(|i| !fresh.contains(i)).collect();
            let more = (n - fresh.len()).min(used.len());
            p.extend(r.sample(used.len(), more).into_iter().map(|k| used[k]));
            p
        } else {
            fresh
        };
        let mut out = String::with_capacity(128 * picks.len());
        for i in picks {
            self.mark(bank, i);
            bank.templates[i].expand_into(r, self.ctx, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ctx;
    impl Context for Ctx {
        fn put(&self, name: &str, out: &mut String) {
            out.push_str(&name.to_uppercase());
        }
    }

    #[test]
    fn alternatives_and_placeholders() {
        let t = compile("为{进一步|}规范<topic>，{依据<basis>|按照规定}。");
        let mut seen = HashSet::new();
        let mut r = Rng::new(1, 0, "t");
        for _ in 0..100 {
            seen.insert(t.expand(&mut r, &Ctx));
        }
        assert!(seen.contains("为进一步规范TOPIC，依据BASIS。"));
        assert!(seen.contains("为规范TOPIC，按照规定。"));
        assert_eq!(seen.len(), 4);
    }

    #[test]
    fn every_bank_line_compiles_and_expands() {
        let mut r = Rng::new(1, 0, "t");
        for (name, bank) in banks() {
            assert!(bank.len() > 0, "[{name}] is empty");
            for t in &bank.templates {
                let s = t.expand(&mut r, &Ctx);
                assert!(!s.contains(['{', '}', '|']), "[{name}]: {s}");
            }
        }
    }
}
