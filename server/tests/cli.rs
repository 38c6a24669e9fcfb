//! The `pantau` binary as an operator runs it: exit codes and output (interfaces.md).

use std::process::{Command, Output};

fn pantau(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pantau"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pantau")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn migrate_creates_the_embedded_database_and_loads_the_registry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let out = pantau(&["migrate"], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("registry: 635 agencies"),
        "{}",
        text(&out.stdout)
    );
    assert!(dir.path().join("fresh.db").exists());
    let again = pantau(&["migrate"], &url);
    assert_eq!(again.status.code(), Some(0), "migrating twice is harmless");
    assert!(text(&again.stdout).contains("registry: 635 agencies"));
}

#[test]
fn wrong_usage_exits_with_2() {
    let url = "sqlite://unused.db";
    for args in [
        &["frobnicate"][..],
        &["import"],
        &["violations", "--format", "xml"],
        &["user", "add", "x"],
        &[],
    ] {
        let out = pantau(args, url);
        assert_eq!(
            out.status.code(),
            Some(2),
            "pantau {args:?}: {}",
            text(&out.stderr)
        );
    }
    let help = pantau(&["--help"], url);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("serve") && text(&help.stdout).contains("import"));
}

#[test]
fn a_database_that_cannot_be_opened_exits_with_1() {
    let out = pantau(&["migrate"], "mysql://localhost/pantau");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("unsupported database URL"),
        "{}",
        text(&out.stderr)
    );
    let out = pantau(
        &["serve", "--addr", "127.0.0.1:0"],
        "postgres://nobody:secret@127.0.0.1:1/none",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("secret"),
        "the password is not printed: {stderr}"
    );
}

#[test]
fn commands_of_later_releases_say_so_and_fail() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let out = pantau(&["demo"], &url);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not available yet"),
        "{}",
        text(&out.stderr)
    );
}
