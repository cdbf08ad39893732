//! `sscheck explain ID`: the whole documentation of a rule, or of an input diagnostic
//! (`input/<code>`).

use std::process::ExitCode;

use super::{LangArg, StandardArgs};
use sscheck::finding::InputCode;
use sscheck::i18n::Lang;
use sscheck::standard::describe::describe;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. SUP-003, or an input diagnostic, e.g. input/yaml-syntax.
    rule: String,
    #[command(flatten)]
    standard: StandardArgs,
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    if let Some(code) = args
        .rule
        .to_ascii_lowercase()
        .strip_prefix(InputCode::RULE_PREFIX)
    {
        return explain_input(code, lang);
    }
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let wanted = args.rule.to_ascii_uppercase();
    let Some(rule) = standard
        .rules
        .iter()
        .find(|r| r.id.to_ascii_uppercase() == wanted)
    else {
        if let Some(d) = standard
            .disabled
            .iter()
            .find(|d| d.id.to_ascii_uppercase() == wanted)
        {
            eprintln!(
                "sscheck: rule {} is switched off in {} by {}",
                d.id, standard.id, d.by
            );
        } else if let Some(code) = InputCode::parse(&args.rule.to_ascii_lowercase()) {
            eprintln!(
                "sscheck: no rule `{}` in {}; did you mean the input diagnostic `{}`?",
                args.rule,
                standard.id,
                code.rule_id()
            );
        } else {
            // Did-you-mean over the rule ids and the input diagnostics.
            let inputs: Vec<String> = InputCode::ALL.iter().map(|c| c.rule_id()).collect();
            let known = standard
                .rules
                .iter()
                .map(|r| r.id.as_str())
                .chain(inputs.iter().map(String::as_str));
            let hint = sscheck::suggest::hint(&sscheck::suggest::suggest(known, &args.rule));
            eprintln!(
                "sscheck: {}",
                sscheck::t!(
                    "{standard} 中没有规则 `{rule}`{hint}（规则列表见 `sscheck rules`）",
                    "no rule `{rule}` in {standard}{hint} (see `sscheck rules`)",
                    rule = args.rule,
                    standard = standard.id,
                    hint = hint
                )
                .get(lang)
            );
        }
        return ExitCode::from(2);
    };
    let doc = describe(&standard, rule);
    let zh = lang == Lang::Zh;
    let label = |zh_l: &'static str, en_l: &'static str| if zh { zh_l } else { en_l };
    let mut out = String::new();
    out.push_str(&format!("{} — {}\n\n", rule.id, rule.title.get(lang)));
    let colon = label("：", ": ");
    out.push_str(&format!(
        "{}{colon}{} ({})   {}{colon}{}   {}{colon}{}   {}{colon}{}\n",
        label("维度", "dimension"),
        rule.dimension.name().get(lang),
        rule.dimension.id(),
        label("严重程度", "severity"),
        rule.severity.name().get(lang),
        label("权重", "weight"),
        rule.weight,
        label("检查类型", "kind"),
        rule.check.kind()
    ));
    out.push_str(&format!(
        "{}{colon}{}\n",
        label("定义于", "defined in"),
        rule.origin
    ));
    for o in &rule.overridden {
        out.push_str(&format!(
            "{}{colon}{}\n",
            label("覆盖于", "overridden by"),
            o
        ));
    }
    if !rule.applies_to.is_empty() {
        let a = &rule.applies_to;
        let parts: Vec<sscheck::i18n::Text> =
            [&a.level, &a.region, &a.operation_model, &a.province]
                .into_iter()
                .filter(|l| !l.is_empty())
                .map(|l| sscheck::standard::cohort_names(l.iter().map(String::as_str)))
                .collect();
        out.push_str(&format!(
            "{}{colon}{}\n",
            label("适用范围", "applies to"),
            sscheck::standard::join_texts(&parts, "；", "; ").get(lang)
        ));
    }
    out.push_str(&format!(
        "\n{}\n  {}\n",
        label("检查内容", "What it checks"),
        doc.what.get(lang)
    ));
    out.push_str(&format!(
        "\n{}\n  {}\n",
        label("理由", "Why"),
        rule.rationale.get(lang)
    ));
    out.push_str(&format!(
        "  {}{colon}{}\n",
        label("依据", "Source"),
        rule.source
    ));
    if let Some(grade) = &rule.caps_grade {
        out.push_str(&format!(
            "  {}\n",
            sscheck::t!(
                "一票否决：未通过（且未豁免）时，等级最高为 {grade}",
                "Veto item: while it fails unwaived, the grade is at best {grade}",
                grade = grade
            )
            .get(lang)
        ));
    }
    if !doc.thresholds.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            label("各类中心的阈值", "Thresholds by cohort")
        ));
        let width = doc
            .thresholds
            .iter()
            .map(|c| unicode_width::UnicodeWidthStr::width(c.cohort.get(lang)))
            .max()
            .unwrap_or(0);
        for c in &doc.thresholds {
            let cohort = c.cohort.get(lang);
            let pad = width - unicode_width::UnicodeWidthStr::width(cohort);
            out.push_str(&format!("  {cohort}{}   {}\n", " ".repeat(pad), c.value));
        }
    }
    out.push_str(&format!(
        "\n{}\n  {}\n",
        label("如何修正", "How to fix"),
        rule.help.get(lang)
    ));
    if let (Some(p), Some(f)) = (&doc.pass_example, &doc.fail_example) {
        let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
        out.push_str(&format!(
            "\n{}\n{}",
            label("通过的示例", "Passes"),
            indent(p)
        ));
        out.push_str(&format!(
            "{}\n{}",
            label("不通过的示例", "Fails"),
            indent(f)
        ));
    }
    print!("{out}");
    ExitCode::SUCCESS
}

/// `sscheck explain input/<code>`: an input diagnostic's title, what triggers it and how
/// to fix it. Input codes belong to sscheck, not to a standard: none is loaded.
fn explain_input(code: &str, lang: Lang) -> ExitCode {
    let Some(code) = InputCode::parse(code) else {
        let wanted = format!("{}{code}", InputCode::RULE_PREFIX);
        let suggestions = suggest_input_codes(code);
        if suggestions.is_empty() {
            let all: Vec<String> = InputCode::ALL.iter().map(|c| c.rule_id()).collect();
            eprintln!(
                "sscheck: no input diagnostic `{wanted}`; the input diagnostics are: {}",
                all.join(", ")
            );
        } else {
            let names: Vec<String> = suggestions
                .iter()
                .map(|c| format!("`{}`", c.rule_id()))
                .collect();
            eprintln!(
                "sscheck: no input diagnostic `{wanted}`; did you mean {}?",
                names.join(" or ")
            );
        }
        return ExitCode::from(2);
    };
    let zh = lang == Lang::Zh;
    let label = |zh_l: &'static str, en_l: &'static str| if zh { zh_l } else { en_l };
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {}\n\n",
        code.rule_id(),
        code.title().get(lang)
    ));
    out.push_str(label(
        "检查类型: input（文件本身的问题，不属于任何规则，不计入维度得分）\n",
        "kind: input (a problem with a file itself: no rule, no dimension score)\n",
    ));
    out.push_str(&format!(
        "\n{}\n  {}\n",
        label("何时出现", "What triggers it"),
        code.cause().get(lang)
    ));
    out.push_str(&format!(
        "\n{}\n  {}\n",
        label("如何修正", "How to fix"),
        code.help().get(lang)
    ));
    print!("{out}");
    ExitCode::SUCCESS
}

/// Input codes close to a mistyped one: the closest by edit distance when it is close
/// enough to be a typo, then those containing what was typed (`gbk`, `waiver`).
fn suggest_input_codes(typed: &str) -> Vec<InputCode> {
    let known: Vec<String> = InputCode::ALL
        .iter()
        .map(|c| c.code().to_string())
        .collect();
    let mut out: Vec<InputCode> = sscheck::submission::closest(typed, &known)
        .and_then(|c| InputCode::parse(&c))
        .into_iter()
        .collect();
    if typed.len() >= 3 {
        for &c in InputCode::ALL {
            if c.code().contains(typed) && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}
