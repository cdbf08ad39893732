//! Provinces and the NBS economic regions (east / central / west / northeast).

/// The four NBS regions.
pub const REGIONS: [&str; 4] = ["east", "central", "west", "northeast"];

/// All 31 mainland provinces (short names) with their region.
pub const PROVINCES: [(&str, &str); 31] = [
    ("北京", "east"),
    ("天津", "east"),
    ("河北", "east"),
    ("上海", "east"),
    ("江苏", "east"),
    ("浙江", "east"),
    ("福建", "east"),
    ("山东", "east"),
    ("广东", "east"),
    ("海南", "east"),
    ("山西", "central"),
    ("安徽", "central"),
    ("江西", "central"),
    ("河南", "central"),
    ("湖北", "central"),
    ("湖南", "central"),
    ("内蒙古", "west"),
    ("广西", "west"),
    ("重庆", "west"),
    ("四川", "west"),
    ("贵州", "west"),
    ("云南", "west"),
    ("西藏", "west"),
    ("陕西", "west"),
    ("甘肃", "west"),
    ("青海", "west"),
    ("宁夏", "west"),
    ("新疆", "west"),
    ("辽宁", "northeast"),
    ("吉林", "northeast"),
    ("黑龙江", "northeast"),
];

/// The short name of a province as people write it: `广东`, `广东省`, `北京市`,
/// `广西壮族自治区`, `新疆维吾尔自治区` all resolve.
pub fn normalize_province(name: &str) -> Option<&'static str> {
    let name = name.trim();
    PROVINCES
        .iter()
        .map(|(p, _)| *p)
        .find(|p| name == *p || (name.starts_with(p) && is_suffix(&name[p.len()..])))
}

/// What may follow a province's short name in its full name (`广东省`, `北京市`, `广西壮族自治区`).
pub const SUFFIXES: [&str; 6] = [
    "省",
    "市",
    "自治区",
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
];

fn is_suffix(rest: &str) -> bool {
    SUFFIXES.contains(&rest)
}

/// The region of a province, or `None` when the name is not a mainland province.
pub fn region_of(province: &str) -> Option<&'static str> {
    let short = normalize_province(province)?;
    PROVINCES.iter().find(|(p, _)| *p == short).map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_a_region_and_counts_match_nbs() {
        let count = |r: &str| PROVINCES.iter().filter(|(_, x)| *x == r).count();
        assert_eq!(
            (
                count("east"),
                count("central"),
                count("west"),
                count("northeast")
            ),
            (10, 6, 12, 3)
        );
    }

    #[test]
    fn full_names_resolve() {
        assert_eq!(region_of("广东省"), Some("east"));
        assert_eq!(region_of("北京市"), Some("east"));
        assert_eq!(region_of("广西壮族自治区"), Some("west"));
        assert_eq!(region_of("黑龙江"), Some("northeast"));
        assert_eq!(region_of("台湾"), None);
        assert_eq!(region_of("广东话"), None);
    }
}
