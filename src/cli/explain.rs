//! `sscheck explain ID`: the whole documentation of a rule.

use std::process::ExitCode;

use super::{LangArg, StandardArgs};
use sscheck::i18n::Lang;
use sscheck::standard::describe::describe;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. SUP-003.
    rule: String,
    #[command(flatten)]
    standard: StandardArgs,
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    let standard = match args.standard.load() {
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
        } else {
            eprintln!(
                "sscheck: no rule `{}` in {} (see `sscheck rules`)",
                args.rule, standard.id
            );
        }
        return ExitCode::from(2);
    };
    let doc = describe(&standard, rule);
    let zh = lang == Lang::Zh;
    let label = |zh_l: &'static str, en_l: &'static str| if zh { zh_l } else { en_l };
    let mut out = String::new();
    out.push_str(&format!("{} — {}\n\n", rule.id, rule.title.get(lang)));
    out.push_str(&format!(
        "{}: {} ({})   {}: {}   {}: {}   {}: {}\n",
        label("维度", "dimension"),
        rule.dimension.name().get(lang),
        rule.dimension.id(),
        label("严重性", "severity"),
        rule.severity.as_str(),
        label("权重", "weight"),
        rule.weight,
        label("检查类型", "kind"),
        rule.check.kind()
    ));
    out.push_str(&format!(
        "{}: {}\n",
        label("来源", "defined in"),
        rule.origin
    ));
    for o in &rule.overridden {
        out.push_str(&format!("{}: {}\n", label("覆盖", "overridden by"), o));
    }
    if !rule.applies_to.is_empty() {
        let a = &rule.applies_to;
        out.push_str(&format!(
            "{}: level {:?} region {:?} operation_model {:?} province {:?}\n",
            label("适用范围", "applies to"),
            a.level,
            a.region,
            a.operation_model,
            a.province
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
    out.push_str(&format!("  {}: {}\n", label("依据", "Source"), rule.source));
    if !doc.thresholds.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            label("各类中心的阈值", "Thresholds by cohort")
        ));
        for c in &doc.thresholds {
            out.push_str(&format!("  {:<28} {}\n", c.cohort, c.value));
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
