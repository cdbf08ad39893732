//! The expression language: arbitrary source must compile or fail with an error inside
//! the source; whatever compiles must evaluate without panicking, to a value of the type
//! the checker inferred, whatever the metric values (missing, zero, huge, negative).
//!
//! Shared by the fuzz target and by `tests/fuzz_regressions.rs`, which replays the
//! seeds and every saved crash input through it.

use sscheck::expr::{Expr, Limits, Type, Value};

fn types(id: &str) -> Option<Type> {
    match id {
        "a" | "b" | "c" | "revenue_total" | "revenue_fiscal" | "staff_total" => Some(Type::Number),
        "flag" | "data_platform_connected" => Some(Type::Bool),
        _ => None,
    }
}

const NUMBERS: [f64; 8] = [0.0, 1.0, -1.0, 0.5, 1e308, -1e308, 3.0, 1e-308];

pub fn run(data: &[u8]) {
    let Some((&seed, rest)) = data.split_first() else {
        return;
    };
    let Ok(src) = std::str::from_utf8(rest) else {
        return;
    };
    let limits = Limits {
        max_len: 4096,
        max_depth: usize::from(seed % 200),
    };
    match Expr::compile(src, &types, &limits) {
        Ok(expr) => {
            let lookup = |id: &str, offset: i32| -> Option<Value> {
                let h = id
                    .bytes()
                    .fold(u32::from(seed), |h, b| {
                        h.wrapping_mul(31).wrapping_add(u32::from(b))
                    })
                    .wrapping_add(offset.unsigned_abs());
                if h % 7 == 0 {
                    return None;
                }
                match types(id)? {
                    Type::Number => Some(Value::Number(NUMBERS[(h % 8) as usize])),
                    Type::Bool => Some(Value::Bool(h % 2 == 0)),
                }
            };
            if let Ok(v) = expr.eval(&lookup) {
                assert_eq!(v.ty(), expr.result_type(), "{src:?}");
                if let Value::Number(x) = v {
                    assert!(x.is_finite());
                }
            }
            for (id, offset) in expr.references() {
                assert!(types(&id).is_some() && offset <= 0);
            }
        }
        Err(e) => {
            assert!(e.offset <= src.len(), "{e:?}");
            assert!(e.column >= 1);
        }
    }
}
