//! Letters and reminders (issue #18) against real components: the letter as a PDF read back with `pdftotext`
//! (Debian's poppler-utils), and mail delivered to a real SMTP server — a local aiosmtpd sink
//! (`tests/mail/sink.py`) started on a free port — across the due date's edges, after a restart, and when the
//! server refuses a message or is down. Both databases.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;
use server::db::{Db, MailKind, MailState, NewMail};
use server::domain::Date;
use server::service::mail::{self, Smtp};

const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");

/// The sink: a python process writing what it receives into its folder.
struct Sink {
    port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Sink {
    fn start() -> Sink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut sink = Sink {
            port,
            dir: tempfile::tempdir().expect("temp dir"),
            child: None,
        };
        sink.resume();
        sink
    }

    /// Starts (again) the SMTP server on the same port and folder.
    fn resume(&mut self) {
        let _ = std::fs::remove_file(self.dir.path().join("ready"));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("mail/sink.py");
        let child = Command::new("python3")
            .arg(script)
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .spawn()
            .expect("python3 runs the SMTP sink (scripts/setup.sh --test installs aiosmtpd)");
        self.child = Some(child);
        for _ in 0..100 {
            if self.dir.path().join("ready").exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the SMTP sink did not start (is aiosmtpd installed? scripts/setup.sh --test)");
    }

    /// Stops it: the mail server is down.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn refuse(&self, address: &str) {
        std::fs::write(self.dir.path().join("refuse"), address).expect("write refuse");
    }

    fn accept_all(&self) {
        let _ = std::fs::remove_file(self.dir.path().join("refuse"));
    }

    fn smtp(&self) -> Smtp {
        Smtp::new(
            &format!("smtp://127.0.0.1:{}", self.port),
            "Pantau Merit <pantau@test.go.id>",
        )
        .expect("smtp")
    }

    /// Every message received so far, in order.
    fn received(&self) -> Vec<Value> {
        (1..)
            .map(|n| self.dir.path().join(format!("{n}.json")))
            .take_while(|p| p.exists())
            .map(|p| {
                serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json")
            })
            .collect()
    }

    fn attachment(&self, n: usize, name: &str) -> PathBuf {
        self.dir.path().join(format!("{n}-{name}"))
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("date")
}

/// The text of a PDF by `pdftotext -layout`.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The example batch of 32.73 with a recommendation issued on its R-ROT-POST-INAUG violation (letter of
/// 2025-07-01, due 2025-07-15), its clerk `clerk` having an address; returns `(analyst token, violation id)`.
async fn issued(app: &TestApp) -> (String, i64) {
    let analyst = app.user("analyst", Role::Analyst, None).await;
    let commissioner = app.user("commissioner", Role::Commissioner, None).await;
    app.user("clerk", Role::Agency, Some("32.73")).await;
    app.user("quiet", Role::Agency, Some("32.73")).await; // no address: no mail
    app.user("elsewhere", Role::Agency, Some("32.04")).await;
    let now = "2026-12-01T00:00:00Z";
    app.db
        .set_email("clerk", Some("tu@bandung.go.id"), "test", now)
        .await
        .expect("email");
    app.db
        .set_email("elsewhere", Some("tu@bandung-kab.go.id"), "test", now)
        .await
        .expect("email");
    let (status, body) = app.submit(&analyst, VIOLATIONS).await;
    assert_eq!(status, 200, "{body}");
    let list: Value = app
        .client
        .get(app.url("/api/v1/violations?rule=R-ROT-POST-INAUG"))
        .bearer_auth(&analyst)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    let id = list["violations"][0]["id"].as_i64().expect("flagged");
    let path = app.url(&format!("/api/v1/violations/{id}/transition"));
    for (token, step) in [
        (&analyst, json!({"to": "in_review"})),
        (
            &commissioner,
            json!({"to": "recommendation_issued", "letter_number": "B-101/KASN/07/2025", "letter_date": "2025-07-01"}),
        ),
    ] {
        let response = app
            .client
            .post(&path)
            .bearer_auth(token)
            .json(&step)
            .send()
            .await
            .expect("step");
        assert_eq!(response.status(), 200);
    }
    (analyst, id)
}

async fn queued(db: &Db) -> Vec<server::db::Mail> {
    db.outbox(Some(MailState::Queued), 100)
        .await
        .expect("outbox")
}

both_databases! {
    async fn the_letter_is_a_pdf_with_every_field_for_staff_and_the_agencys_clerk_only(app) {
        let (_, id) = issued(&app).await;
        let path = format!("/pelanggaran/{id}/surat.pdf");
        // The public: sign in first; another agency's clerk: not found; staff and the clerk: the letter.
        assert_eq!(app.get(&path).await.status(), 401);
        let (other, _) = app.session("web_other", Role::Agency, Some("32.04")).await;
        assert_eq!(app.client.get(app.url(&path)).header("cookie", &other).send().await.expect("get").status(), 404);
        let dir = tempfile::tempdir().expect("dir");
        for (name, role, agency) in [("web_clerk", Role::Agency, Some("32.73")), ("web_analyst", Role::Analyst, None),
                                     ("web_commissioner", Role::Commissioner, None), ("web_admin", Role::Admin, None)] {
            let (cookie, _) = app.session(name, role, agency).await;
            let response = app.client.get(app.url(&path)).header("cookie", &cookie).send().await.expect("get");
            assert_eq!(response.status(), 200, "{name}");
            assert_eq!(integration_tests::header_of(&response, "content-type"), "application/pdf");
            assert_eq!(integration_tests::header_of(&response, "cache-control"), "no-store", "it names an official");
            let bytes = response.bytes().await.expect("pdf");
            assert!(bytes.starts_with(b"%PDF-"));
            assert!(bytes.len() < 80_000, "fonts are embedded as subsets: {} bytes", bytes.len());
            std::fs::write(dir.path().join(format!("{name}.pdf")), &bytes).expect("write");
        }
        let text = pdf_text(&dir.path().join("web_clerk.pdf"));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for field in [
            "BADAN KEPEGAWAIAN NEGARA", // from 2025 the supervision is BKN's
            "B-101/KASN/07/2025", "1 Juli 2025",
            "Pejabat Pembina Kepegawaian Kota Bandung",
            "R-ROT-POST-INAUG", "UU 10/2016 art. 162(3)",
            "Batas waktu tindak lanjut: 15 Juli 2025",
            &format!("/pelanggaran/{id}"),
            "membatalkan mutasi tersebut",
        ] {
            assert!(flat.contains(field), "{field:?} not in the letter:\n{text}");
        }
        let detail: Value = app.client.get(app.url(&format!("/api/v1/violations/{id}"))).bearer_auth("pm_test_analyst")
            .send().await.expect("detail").json().await.expect("json");
        let nip = detail["violation"]["subject_nip"].as_str().expect("a subject");
        assert!(flat.contains(&format!("NIP {nip}")), "the official's NIP:\n{text}");
        // The first page as an image, for a person to look at (tests/browser/output/, kept by CI).
        let output = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/output");
        std::fs::create_dir_all(&output).expect("output dir");
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile", "-f", "1"])
            .arg(dir.path().join("web_clerk.pdf"))
            .arg(output.join(format!("letter-{}", app.db.engine.name())))
            .status()
            .expect("pdftoppm");
        assert!(status.success());
        // No letter before a recommendation: another violation of the batch.
        let list: Value = app.client.get(app.url("/api/v1/violations?status=open")).bearer_auth("pm_test_analyst")
            .send().await.expect("list").json().await.expect("json");
        let open = list["violations"][0]["id"].as_i64().expect("an open violation");
        let (cookie, _) = app.session("web_analyst2", Role::Analyst, None).await;
        let response = app.client.get(app.url(&format!("/pelanggaran/{open}/surat.pdf"))).header("cookie", &cookie).send().await.expect("get");
        assert_eq!(response.status(), 404);
    }

    async fn mail_arrives_once_to_the_agencys_clerks_across_the_due_dates_edges_and_a_restart(app) {
        let (_, id) = issued(&app).await;
        // Issuing wrote the letter's message for the one clerk of 32.73 with an address, nobody else.
        let waiting = queued(&app.db).await;
        assert_eq!(waiting.len(), 1, "{waiting:?}");
        assert_eq!((waiting[0].kind, waiting[0].recipient.as_str()), (MailKind::Issued, "tu@bandung.go.id"));

        let sink = Sink::start();
        let done = mail::deliver(&app.db, &sink.smtp(), "server-a", &server::clock::now_text()).await.expect("deliver");
        assert_eq!((done.sent, done.retrying, done.failed), (1, 0, 0));
        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0]["to"], json!(["tu@bandung.go.id"]));
        assert!(received[0]["subject"].as_str().unwrap_or_default().contains("B-101/KASN/07/2025"));
        let name = format!("surat-rekomendasi-{id}.pdf");
        assert_eq!(received[0]["attachments"], json!([name]));
        assert!(pdf_text(&sink.attachment(1, &name)).contains("15 Juli 2025"));

        // The daily pass at the due date's edges (reminders 3 days ahead, the overdue notice the day after).
        let pass = |as_of: &'static str| {
            let db = app.db.clone();
            async move { mail::remind(&db, day(as_of)).await.expect("remind") }
        };
        assert_eq!(pass("2025-07-11").await.reminders, 0, "four days before");
        assert_eq!(pass("2025-07-12").await.reminders, 1, "three days before");
        assert_eq!(pass("2025-07-15").await.reminders, 0, "on the due date: already reminded");
        let overdue = pass("2025-07-16").await;
        assert_eq!((overdue.reminders, overdue.overdue), (0, 1), "the day after");
        assert_eq!(pass("2025-07-16").await.overdue, 0, "the same pass again writes nothing");

        // Another server on the same database (a restart) runs the pass and delivers: nothing twice.
        let restarted = server::service::open(&app.database_url).await.expect("open");
        assert_eq!(mail::remind(&restarted, day("2025-07-16")).await.expect("remind"), Default::default());
        let done = mail::deliver(&restarted, &sink.smtp(), "server-b", &server::clock::now_text()).await.expect("deliver");
        assert_eq!(done.sent, 2);
        let done = mail::deliver(&app.db, &sink.smtp(), "server-a", &server::clock::now_text()).await.expect("deliver");
        assert_eq!(done.sent, 0);
        let subjects: Vec<String> = sink.received().iter().map(|m| m["subject"].as_str().unwrap_or_default().to_string()).collect();
        assert_eq!(subjects.len(), 3, "{subjects:?}");
        assert!(subjects[1].starts_with("Pengingat") && subjects[2].contains("melewati batas waktu"), "{subjects:?}");
        assert!(sink.received().iter().all(|m| m["to"] == json!(["tu@bandung.go.id"])));
        assert!(sink.received()[1]["attachments"] == json!([]), "only the first message carries the letter");
    }

    async fn one_sender_at_a_time_and_a_refused_or_unreachable_server_loses_nothing(app) {
        // The lease: a second server waits while the first holds it, and takes it once it expired.
        let now = "2026-12-01T10:00:00Z";
        assert!(app.db.take_lease("mail.sender", "a", now, "2026-12-01T10:02:00Z").await.expect("lease"));
        assert!(!app.db.take_lease("mail.sender", "b", now, "2026-12-01T10:02:00Z").await.expect("lease"));
        assert!(app.db.take_lease("mail.sender", "a", now, "2026-12-01T10:03:00Z").await.expect("renewed"));
        assert!(app.db.take_lease("mail.sender", "b", "2026-12-01T10:03:01Z", "2026-12-01T10:05:00Z").await.expect("expired"));
        let mut sink = Sink::start();
        let busy = mail::deliver(&app.db, &sink.smtp(), "c", "2026-12-01T10:04:00Z").await.expect("deliver");
        assert!(busy.busy);
        app.db.release_lease("mail.sender", "b").await.expect("release");

        let message = |to: &str| NewMail {
            kind: MailKind::Reminder, dedupe_key: format!("test:{to}"), violation_id: None,
            recipient: to.to_string(), recipient_user: "clerk".into(),
            subject: "Pengingat".into(), body: "Isi".into(), attach_letter: false,
        };
        let t0 = "2026-12-01T11:00:00Z";
        assert!(app.db.enqueue_mail(&message("a@bandung.go.id"), t0).await.expect("enqueue"));
        assert!(!app.db.enqueue_mail(&message("a@bandung.go.id"), t0).await.expect("enqueue"), "once per key");
        assert!(app.db.enqueue_mail(&message("refused@bandung.go.id"), t0).await.expect("enqueue"));

        // The server refuses one recipient: the other is sent, the refused one waits a minute.
        sink.refuse("refused@bandung.go.id");
        let done = mail::deliver(&app.db, &sink.smtp(), "a", t0).await.expect("deliver");
        assert_eq!((done.sent, done.retrying), (1, 1));
        let waiting = queued(&app.db).await;
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].attempts, 1);
        assert!(waiting[0].last_error.as_deref().unwrap_or_default().contains("550"), "{waiting:?}");
        assert_eq!(waiting[0].next_attempt_at, "2026-12-01T11:01:00Z");
        // Down: nothing is due before the minute, then the attempt fails and waits two minutes more.
        sink.accept_all();
        sink.stop();
        let done = mail::deliver(&app.db, &sink.smtp(), "a", "2026-12-01T11:00:59Z").await.expect("deliver");
        assert_eq!((done.sent, done.retrying), (0, 0), "not yet due");
        let done = mail::deliver(&app.db, &sink.smtp(), "a", "2026-12-01T11:01:00Z").await.expect("deliver");
        assert_eq!((done.sent, done.retrying), (0, 1), "the server is down");
        assert_eq!(queued(&app.db).await[0].next_attempt_at, "2026-12-01T11:03:00Z");
        // Back up: delivered, once.
        sink.resume();
        let done = mail::deliver(&app.db, &sink.smtp(), "a", "2026-12-01T11:03:00Z").await.expect("deliver");
        assert_eq!(done.sent, 1);
        assert!(queued(&app.db).await.is_empty());
        let to: Vec<Value> = sink.received().iter().map(|m| m["to"].clone()).collect();
        assert_eq!(to, [json!(["a@bandung.go.id"]), json!(["refused@bandung.go.id"])]);
        let sent = app.db.outbox(Some(MailState::Sent), 10).await.expect("outbox");
        assert_eq!(sent.iter().map(|m| m.attempts).max(), Some(3));

        // A recipient that is not an address is given up at once (retrying cannot help).
        app.db.enqueue_mail(&message("not an address"), t0).await.expect("enqueue");
        let done = mail::deliver(&app.db, &sink.smtp(), "a", "2026-12-01T11:04:00Z").await.expect("deliver");
        assert_eq!(done.failed, 1);
        assert_eq!(app.db.outbox(Some(MailState::Failed), 10).await.expect("outbox").len(), 1);
    }

    async fn staff_following_a_province_get_a_monday_digest_of_what_is_new_there(app) {
        let (_, id) = issued(&app).await; // 32.73 (Jawa Barat), due 2025-07-15: overdue from 2025-07-16
        let now = server::clock::now_text();
        for (name, email, provinces) in [("watcher", Some("watch@kasn.go.id"), vec!["32".to_string()]),
                                        ("jakarta", Some("jkt@kasn.go.id"), vec!["31".to_string()]),
                                        ("unfollowing", Some("none@kasn.go.id"), vec![]),
                                        ("no_address", None, vec!["32".to_string()])] {
            app.user(name, Role::Analyst, None).await;
            app.db.set_email(name, email, "test", &now).await.expect("email");
            app.db.set_followed_provinces(name, &provinces, "test", &now).await.expect("follow");
        }
        let digests = |as_of: &'static str| {
            let db = app.db.clone();
            async move { mail::remind(&db, day(as_of)).await.expect("remind").digests }
        };
        // Monday 2025-07-21 covers 14–20 July: the recommendation fell overdue on the 16th. Only the follower of
        // province 32 with an address gets it; not on the Tuesday; not twice; not the Monday after (nothing new).
        assert_eq!(digests("2025-07-22").await, 0, "a Tuesday");
        assert_eq!(digests("2025-07-21").await, 1);
        assert_eq!(digests("2025-07-21").await, 0, "once");
        assert_eq!(digests("2025-07-28").await, 0, "nothing new in the week after");
        // The violations were flagged by today's evaluation: the Monday after today lists the high ones.
        let today = server::clock::today();
        let monday = today.add_days(7 - today.weekday_from_monday());
        assert_eq!(mail::remind(&app.db, monday).await.expect("remind").digests, 1);

        let sink = Sink::start();
        mail::deliver(&app.db, &sink.smtp(), "a", &server::clock::now_text()).await.expect("deliver");
        let digests: Vec<Value> = sink.received().into_iter()
            .filter(|m| m["subject"].as_str().unwrap_or_default().starts_with("Ringkasan mingguan")).collect();
        assert_eq!(digests.len(), 2, "{digests:?}");
        assert!(digests.iter().all(|m| m["to"] == json!(["watch@kasn.go.id"]) && m["attachments"] == json!([])));
        let bodies: Vec<&str> = digests.iter().map(|m| m["body"].as_str().unwrap_or_default()).collect();
        let july = bodies.iter().find(|b| b.contains("B-101/KASN/07/2025")).expect("the July digest");
        assert!(july.contains("Rekomendasi baru melewati batas waktu / Newly overdue recommendations (1)"), "{july}");
        assert!(july.contains("Pelanggaran berat baru / New high-severity violations (0)"), "{july}");
        let latest = bodies.iter().find(|b| !b.contains("B-101/KASN/07/2025")).expect("the latest digest");
        assert!(latest.contains(&format!("#{id} R-ROT-POST-INAUG — 32.73")), "{latest}");
        assert!(latest.contains("provinces 32"), "{latest}");
    }

    async fn administrators_see_the_outbox_and_the_letter_is_linked_where_people_work(app) {
        let (_, id) = issued(&app).await;
        let page = |path: String, cookie: String| {
            let app = &app;
            async move {
                let response = app.client.get(app.url(&path)).header("cookie", cookie).send().await.expect("get");
                (response.status().as_u16(), response.text().await.expect("html"))
            }
        };
        let (admin, _) = app.session("web_admin", Role::Admin, None).await;
        let (status, html) = page("/kotak-keluar".into(), admin.clone()).await;
        assert_eq!(status, 200);
        assert!(html.contains("tu@bandung.go.id") && html.contains("B-101/KASN/07/2025"), "the waiting letter");
        assert!(html.contains("PANTAU_SMTP_URL belum diatur"), "nothing is sent without an SMTP server");
        assert!(html.contains(&format!("href=\"/pelanggaran/{id}\"")), "the message names its violation");
        assert!(html.contains(r#"data-state="queued" data-kind="issued""#), "{html}");
        let (_, sent) = page("/kotak-keluar?state=sent".into(), admin.clone()).await;
        assert!(sent.contains("id=\"outbox-empty\"") && !sent.contains("tu@bandung.go.id"));
        let (_, unknown) = page("/kotak-keluar?state=lost".into(), admin.clone()).await;
        assert!(unknown.contains("id=\"outbox-empty\""), "an unknown state matches nothing");
        // Delivered: listed as sent, with its time.
        let sink = Sink::start();
        mail::deliver(&app.db, &sink.smtp(), "a", &server::clock::now_text()).await.expect("deliver");
        let (_, sent) = page("/kotak-keluar?state=sent".into(), admin.clone()).await;
        assert!(sent.contains("tu@bandung.go.id") && sent.contains(r#"data-state="sent""#));

        // The letter's link: on the clerk's open recommendations, the violation page and the review pack.
        let letter = format!("href=\"/pelanggaran/{id}/surat.pdf\"");
        let (clerk, _) = app.session("web_clerk", Role::Agency, Some("32.73")).await;
        let (commissioner, _) = app.session("web_commissioner", Role::Commissioner, None).await;
        for (path, cookie) in [("/unggah".to_string(), clerk), (format!("/pelanggaran/{id}"), commissioner.clone()),
                               ("/instansi/32.73/paket-tinjauan".to_string(), commissioner.clone()),
                               ("/rekomendasi".to_string(), commissioner)] {
            let (status, html) = page(path.clone(), cookie).await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains(&letter), "{path} links the letter");
        }
    }
}
