//! Indonesian first, English second. Every visible text comes from `app/locales/{id,en}.json` by key; the language
//! is chosen by a cookie (set by `/lang/{code}`) so that it survives navigation and works without JavaScript.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;

pub use model::lang::{fmt_int, Lang, LANG_COOKIE};

fn load(json: &'static str) -> HashMap<String, String> {
    // The files are part of the build and checked by the tests below, so a parse failure is a build defect.
    serde_json::from_str(json).unwrap_or_default()
}

fn table(lang: Lang) -> &'static HashMap<String, String> {
    static ID: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    match lang {
        Lang::Id => ID.get_or_init(|| load(include_str!("../locales/id.json"))),
        Lang::En => EN.get_or_init(|| load(include_str!("../locales/en.json"))),
    }
}

/// The text of `key` in `lang`; Indonesian when English lacks it, the key itself when both do (the tests make
/// sure neither happens).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::Id).get(key))
        .map(String::as_str)
        .unwrap_or(key)
}

/// [`t`] with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(t(lang, key).to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A share (0–1) as a percentage with one decimal in the language's notation ("33,3 %" or "33.3 %").
pub fn fmt_percent(lang: Lang, share: f64) -> String {
    format!("{} %", fmt_tenths(lang, share * 100.0))
}

/// A number with one decimal in the language's notation (253,5 in Indonesian, 253.5 in English); for scores
/// and percentages, which stay below a thousand.
pub fn fmt_tenths(lang: Lang, n: f64) -> String {
    let text = format!("{n:.1}");
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The language of this page, provided as context by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The language the visitor chose: on the server from the request's cookie, in the browser from `<html lang>`
/// (which the server wrote from the same cookie), so that hydration renders the same text.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|h| h.to_str().ok())
                    .and_then(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|c| Lang::parse(&c))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_merit_aspect_is_named_in_both_languages() {
        for key in model::types::MERIT_ASPECT_KEYS {
            for lang in Lang::ALL {
                assert_ne!(t(lang, key), key, "{key} in {lang:?}");
            }
        }
    }

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        table(lang).keys().map(String::as_str).collect()
    }

    #[test]
    fn both_languages_have_the_same_keys_and_no_empty_text() {
        assert!(keys(Lang::Id).len() > 20, "id.json did not parse");
        assert_eq!(keys(Lang::Id), keys(Lang::En));
        for lang in Lang::ALL {
            for (k, v) in table(lang) {
                assert!(!v.trim().is_empty(), "{k} is empty in {lang:?}");
            }
        }
    }

    /// Every key the sources pass to `t` or `tf` (or a `*_key` prop) exists: a missing one would show the key.
    #[test]
    fn every_key_used_in_the_sources_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut used = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(
                    std::fs::read_dir(&path)
                        .expect("read src")
                        .map(|e| e.expect("entry").path()),
                );
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                for marker in ["t(lang, \"", "tf(lang, \"", "_key=\""] {
                    for (at, _) in text.match_indices(marker) {
                        let rest = &text[at + marker.len()..];
                        if let Some(end) = rest.find('"') {
                            used.push(rest[..end].to_string());
                        }
                    }
                }
            }
        }
        assert!(used.len() > 20, "the scan found too few keys: {used:?}");
        let known = keys(Lang::Id);
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !known.contains(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
    }

    #[test]
    fn cookie_header_picks_the_language() {
        assert_eq!(
            Lang::from_cookie_header("a=b; pantau_lang=en"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("pantau_lang=id"), Some(Lang::Id));
        assert_eq!(Lang::from_cookie_header("pantau_lang=fr"), None);
        assert_eq!(Lang::from_cookie_header("other_pantau_lang=en"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
    }

    #[test]
    fn one_decimal_in_each_notation() {
        assert_eq!(fmt_tenths(Lang::Id, 253.5), "253,5");
        assert_eq!(fmt_tenths(Lang::En, 253.5), "253.5");
        assert_eq!(fmt_tenths(Lang::Id, 30.0), "30,0");
        assert_eq!(fmt_tenths(Lang::En, -6.04), "-6.0");
    }

    #[test]
    fn placeholders_and_numbers() {
        assert_eq!(fmt_int(Lang::Id, 1_234_567), "1.234.567");
        assert_eq!(fmt_int(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(fmt_int(Lang::Id, 999), "999");
        assert_eq!(fmt_int(Lang::Id, 1000), "1.000");
        assert_eq!(fmt_int(Lang::En, -1000), "-1,000");
        assert_eq!(
            tf(Lang::En, "agencies.count", &[("n", "635")]),
            "635 agencies"
        );
    }
}
