//! Importing report batches on SQLite and PostgreSQL: idempotency, revisions, atomicity, concurrency.

use integration_tests::both_databases;
use serde_json::{json, Value};
use server::db::SubmissionMeta;
use server::domain::Date;
use server::service::import::{import_json, Evaluate, ImportError};

const EXAMPLE: &str = include_str!("../../docs/examples/batch-32.04.json");
/// A batch whose records break rules (docs/examples).
const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");

fn meta() -> SubmissionMeta {
    SubmissionMeta {
        source: "test",
        submitted_by: None,
        file_name: None,
        received_at: "2026-11-23T08:00:00Z".into(),
        acting_for: None,
    }
}

fn today() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("the example is JSON")
}

both_databases! {
    async fn a_batch_is_created_then_unchanged_then_revised(app) {
        let first = import_json(&app.db, EXAMPLE, &meta(), today()).await.expect("accepted");
        assert_eq!(first.agency_code, "32.04");
        assert_eq!((first.counts.created, first.counts.updated, first.counts.unchanged), (8, 0, 0));

        // The same content with its keys in another order is the same content.
        let reordered = serde_json::to_string_pretty(&example()).expect("json");
        let again = import_json(&app.db, &reordered, &meta(), today()).await.expect("accepted");
        assert_eq!((again.counts.created, again.counts.updated, again.counts.unchanged), (0, 0, 8));

        let mut changed = example();
        changed["records"][5]["ends_on"] = json!("2024-08-31");
        let revised = import_json(&app.db, &changed.to_string(), &meta(), today()).await.expect("accepted");
        assert_eq!((revised.counts.created, revised.counts.updated, revised.counts.unchanged), (0, 1, 7));

        let history = app.db.record_revisions("32.04", "acting_assignment", "PLT-2024-03").await.expect("history");
        assert_eq!(history.iter().map(|r| r.revision).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(history[0].content["ends_on"], "2024-07-31", "the first revision stays readable");
        assert_eq!(history[1].content["ends_on"], "2024-08-31");
        assert_eq!(app.db.record_count().await.expect("count"), 8);
    }

    async fn each_batch_leaves_its_agency_with_a_current_bundle_for_the_rules(app) {
        // The rules read an agency's records from its bundle, which the batch keeps current (issue #21). A first
        // batch must start it: when it did not, every agency's first evaluation read its rows back and rebuilt it.
        let current = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM rule_bundles b JOIN agencies a ON a.code = b.agency_code AND a.records_version = b.version
                 WHERE a.code = '32.04'")
                .fetch_one(&app.db.pool).await.expect("count")
        };
        assert_eq!(current().await, 0, "no records, no bundle");
        let document = example();
        server::service::import::import_document_with(&app.db, &document, &meta(), today(), Evaluate::Later).await.expect("accepted");
        assert_eq!(current().await, 1, "the first batch starts the bundle");
        let mut changed = example();
        changed["records"][5]["ends_on"] = json!("2024-08-31");
        server::service::import::import_document_with(&app.db, &changed, &meta(), today(), Evaluate::Later).await.expect("accepted");
        assert_eq!(current().await, 1, "a revision keeps it current");
        let summary = server::service::evaluation::compute(&app.db, server::service::evaluation::Scope::Agency("32.04"), today(), &mut |_, _| {})
            .await.expect("evaluated");
        assert_eq!(summary.records, 7, "the rules read its seven records (all but the merit assessment) from it");
    }

    async fn the_rules_read_the_bundle_a_batch_wrote_unless_another_server_stored_one_since(app) {
        // A batch keeps the bundle it wrote in memory for the evaluation that follows (issue #21): what the rules
        // read from it must be what they read from the database, and a batch stored by another server since must
        // be read, not the kept one.
        use server::service::evaluation::{compute, Scope};
        let keys = |found: &server::service::evaluation::Found| {
            let mut keys: Vec<_> = found.violations.iter().map(server::db::key_text).collect();
            keys.sort();
            keys
        };
        let document: Value = serde_json::from_str(VIOLATIONS).expect("json");
        server::service::import::import_document_with(&app.db, &document, &meta(), today(), Evaluate::Later).await.expect("accepted");
        let other = server::service::open(&app.database_url).await.expect("second server");
        let kept = compute(&app.db, Scope::Agency("32.73"), today(), &mut |_, _| {}).await.expect("evaluated");
        let read = compute(&other, Scope::Agency("32.73"), today(), &mut |_, _| {}).await.expect("evaluated");
        assert_eq!((kept.records, keys(&kept)), (read.records, keys(&read)), "the kept bundle is the stored one");
        assert!(!keys(&kept).is_empty(), "the example raises violations to compare");

        // The first server stores (and keeps) a batch with one more record, then the second server adds another.
        let mut revised = document.clone();
        revised["records"].as_array_mut().expect("records").push(json!({"kind": "election", "id": "PILKADA-TEST-2028",
            "name": "Pilkada Serentak 2028", "candidate_determination_on": "2028-09-22", "vote_on": "2028-11-27"}));
        server::service::import::import_document_with(&app.db, &revised, &meta(), today(), Evaluate::Later).await.expect("accepted");
        let mut added = revised.clone();
        added["records"].as_array_mut().expect("records").push(json!({"kind": "election", "id": "PILKADA-TEST-2029",
            "name": "Pilkada Serentak 2029", "candidate_determination_on": "2029-09-22", "vote_on": "2029-11-27"}));
        let stored = server::service::import::import_document_with(&other, &added, &meta(), today(), Evaluate::Later).await.expect("accepted");
        assert_eq!(stored.counts.created, 1);
        let after = compute(&app.db, Scope::Agency("32.73"), today(), &mut |_, _| {}).await.expect("evaluated");
        assert_eq!(after.records, kept.records + 2, "the other server's record is read, not the batch kept in memory");
    }

    async fn new_rows_never_take_the_id_of_a_deleted_one(app) {
        // Ids of new records and violations are taken before the insert (issue #21: no rows come back from it).
        // As AUTOINCREMENT and a sequence promise, an id once given is not given again, even when its row is gone
        // (a violation's id is named in letters, mail and the audit log).
        import_json(&app.db, VIOLATIONS, &meta(), today()).await.expect("accepted");
        let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM violations").fetch_one(&app.db.pool).await.expect("max");
        sqlx::query("DELETE FROM violation_events WHERE violation_id = $1").bind(last).execute(&app.db.pool).await.expect("deleted");
        sqlx::query("DELETE FROM violations WHERE id = $1").bind(last).execute(&app.db.pool).await.expect("deleted");
        server::service::evaluation::run(&app.db, server::service::evaluation::Scope::Agency("32.73"), today(), "test", &mut |_, _| {})
            .await.expect("evaluated");
        let raised: i64 = sqlx::query_scalar("SELECT MAX(id) FROM violations").fetch_one(&app.db.pool).await.expect("max");
        assert_eq!(raised, last + 1, "the deleted violation is raised again under the next id, not its old one");
        let records: Vec<i64> = sqlx::query_scalar("SELECT id FROM records ORDER BY id").fetch_all(&app.db.pool).await.expect("ids");
        let mut revised: Value = serde_json::from_str(VIOLATIONS).expect("json");
        revised["records"].as_array_mut().expect("records").push(json!({"kind": "election", "id": "PILKADA-TEST-2029",
            "name": "Pilkada Serentak 2029", "candidate_determination_on": "2029-09-22", "vote_on": "2029-11-27"}));
        import_json(&app.db, &revised.to_string(), &meta(), today()).await.expect("accepted");
        let new: i64 = sqlx::query_scalar("SELECT id FROM records WHERE record_id = 'PILKADA-TEST-2029'").fetch_one(&app.db.pool).await.expect("id");
        assert!(records.iter().all(|&id| id < new), "a new record's id comes after the others");
    }

    async fn stored_records_and_their_submissions_are_never_deleted(app) {
        // A record's revisions and parts name it by id. On PostgreSQL that is no longer checked row by row (migration
        // 0026, issue #21): records and accepted submissions cannot be deleted instead, on either engine, so no
        // revision or part is ever left without its record.
        import_json(&app.db, EXAMPLE, &meta(), today()).await.expect("accepted");
        let record: i64 = sqlx::query_scalar("SELECT MIN(id) FROM records").fetch_one(&app.db.pool).await.expect("id");
        let submission: i64 = sqlx::query_scalar("SELECT MIN(id) FROM submissions WHERE accepted = 1")
            .fetch_one(&app.db.pool).await.expect("id");
        assert!(sqlx::query("DELETE FROM records WHERE id = $1").bind(record).execute(&app.db.pool).await.is_err(),
            "a record is kept");
        assert!(sqlx::query("DELETE FROM submissions WHERE id = $1").bind(submission).execute(&app.db.pool).await.is_err(),
            "an accepted submission is kept");
        assert_eq!(app.db.record_count().await.expect("count"), 8);
        let orphans: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM record_revisions v WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = v.record_pk))
                  + (SELECT COUNT(*) FROM selection_committee_members m WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = m.record_pk))
                  + (SELECT COUNT(*) FROM selection_candidates c WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = c.record_pk))
                  + (SELECT COUNT(*) FROM job_fit_participants p WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = p.record_pk))")
            .fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(orphans, 0);
        let parts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM selection_committee_members").fetch_one(&app.db.pool).await.expect("count");
        assert!(parts > 0, "the example has parts to check");
    }

    async fn a_bulk_load_leaves_statistics_for_the_planner(app) {
        // The demo ends with `refresh_statistics`: PostgreSQL then plans with the loaded rows' statistics (planned
        // blind, reading an agency's recommendations scanned every workflow event). SQLite keeps none here.
        import_json(&app.db, EXAMPLE, &meta(), today()).await.expect("accepted");
        let analyzed = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'records'")
                .fetch_one(&app.db.pool).await.expect("count")
        };
        let postgres = app.db.engine == server::db::Engine::Postgres;
        if postgres {
            assert_eq!(analyzed().await, 0, "a fresh database has no statistics");
        }
        app.db.refresh_statistics().await.expect("refreshed");
        if postgres {
            assert!(analyzed().await > 0, "the records' columns have statistics");
        }
    }

    async fn a_bulk_import_leaves_statistics_for_the_planner_and_a_smaller_one_does_not(app) {
        // `pantau import` ends with `refresh_statistics` once it stored `BULK_RECORDS` records or more: one fewer
        // leaves PostgreSQL without statistics (a clerk's batch does not pay for `ANALYZE`), that many gathers them.
        use clap::Parser;
        let bulk = server::cli::BULK_RECORDS;
        let dir = tempfile::tempdir().expect("folder");
        let file = |name: &str, n: usize| {
            let records: Vec<Value> = (0..n)
                .map(|i| json!({"kind": "election", "id": format!("{name}-{i}"), "name": "Pilkada Serentak 2024",
                                "candidate_determination_on": "2024-09-22", "vote_on": "2024-11-27"}))
                .collect();
            let path = dir.path().join(format!("{name}.json"));
            let batch = json!({"schema": "pantau.report.v1", "agency_code": "32.04", "records": records});
            std::fs::write(&path, batch.to_string()).expect("written");
            path.display().to_string()
        };
        let import = |path: String| {
            let url = app.database_url.clone();
            async move {
                let cli = server::cli::Cli::try_parse_from(["pantau", "--database-url", &url, "import", &path])
                    .expect("arguments");
                server::cli::run(cli).await.expect("imported");
            }
        };
        let analyzed = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'records'")
                .fetch_one(&app.db.pool).await.expect("count")
        };
        let postgres = app.db.engine == server::db::Engine::Postgres;
        if postgres {
            // Only the import may gather them here, not autovacuum where it is on (it is off on this machine).
            sqlx::query("ALTER TABLE records SET (autovacuum_enabled = false)").execute(&app.db.pool).await.expect("altered");
        }
        import(file("small", bulk - 1)).await;
        if postgres {
            assert_eq!(analyzed().await, 0, "one record short of a bulk import: no ANALYZE");
        }
        import(file("bulk", bulk)).await;
        if postgres {
            assert!(analyzed().await > 0, "a bulk import leaves statistics");
        }
        let count = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM records").fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(count, i64::try_from(2 * bulk - 1).expect("count"));
    }

    async fn a_large_batch_is_stored_in_chunks_with_its_parts_and_each_revision_once(app) {
        // 450 job fits of 3 participants: records, revisions and parts span several multi-row statements.
        let fits = |held_on: &str| -> String {
            let records: Vec<Value> = (0..450)
                .map(|i| json!({"kind": "job_fit", "id": format!("JF-{i:03}"), "held_on": held_on,
                                "participants": ["197001012000032001", "197503152001121003", format!("1980010120050110{:02}", i % 90 + 10)]}))
                .collect();
            json!({"schema": "pantau.report.v1", "agency_code": "32.04", "records": records}).to_string()
        };
        let first = import_json(&app.db, &fits("2024-02-01"), &meta(), today()).await.expect("accepted");
        assert_eq!(first.counts.created, 450);
        let count = |sql: &'static str| {
            let pool = app.db.pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.expect("count") }
        };
        assert_eq!(count("SELECT COUNT(*) FROM job_fit_participants").await, 1350);
        assert_eq!(count("SELECT COUNT(*) FROM job_fit_participants WHERE ordinal = 2 AND nip LIKE '198001012005011%'").await, 450);
        let text = |sql: &'static str| {
            let pool = app.db.pool.clone();
            async move { sqlx::query_scalar::<_, Option<String>>(sql).fetch_one(&pool).await.expect("text") }
        };
        assert_eq!(count("SELECT COUNT(*) FROM record_revisions WHERE content IS NOT NULL").await, 0,
                   "the current revision's JSON is stored once, in records");
        // Revised twice: the superseded revisions keep their own text, the parts are replaced, not added.
        import_json(&app.db, &fits("2024-03-01"), &meta(), today()).await.expect("accepted");
        let third = import_json(&app.db, &fits("2024-04-01"), &meta(), today()).await.expect("accepted");
        assert_eq!((third.counts.created, third.counts.updated), (0, 450));
        assert_eq!(count("SELECT COUNT(*) FROM job_fit_participants").await, 1350);
        assert_eq!(count("SELECT COUNT(*) FROM record_revisions").await, 1350);
        assert_eq!(count("SELECT COUNT(*) FROM record_revisions WHERE content IS NOT NULL").await, 900);
        assert!(text("SELECT content FROM record_revisions WHERE revision = 3").await.is_none());
        let history = app.db.record_revisions("32.04", "job_fit", "JF-449").await.expect("history");
        let held: Vec<_> = history.iter().map(|r| (r.revision, r.content["held_on"].as_str().unwrap_or_default().to_string())).collect();
        assert_eq!(held, [(1, "2024-02-01".to_string()), (2, "2024-03-01".into()), (3, "2024-04-01".into())]);
        let again = import_json(&app.db, &fits("2024-04-01"), &meta(), today()).await.expect("accepted");
        assert_eq!((again.counts.updated, again.counts.unchanged), (0, 450));
    }

    async fn many_violations_are_raised_cleared_and_raised_again_across_statements(app) {
        // 450 acting assignments past the limit: the evaluation writes their violations and events in multi-row
        // statements of 200 (issue #21); corrected, all are cleared; reverted, all are raised again.
        let acting = |ends_on: &str| -> String {
            let records: Vec<Value> = (0..450)
                .map(|i| json!({"kind": "acting_assignment", "id": format!("PLT-{i:03}"),
                                "nip": format!("19800229200501{}{:03}", 1 + i % 2, i + 1), "name": format!("Pelaksana {i}"),
                                "position": {"title": format!("Kepala Bidang {i}"), "level": "pratama"},
                                "type": "plt", "starts_on": "2024-05-01", "ends_on": ends_on, "extended": false}))
                .collect();
            json!({"schema": "pantau.report.v1", "agency_code": "32.04", "records": records}).to_string()
        };
        let count = |sql: &str| {
            let (pool, sql) = (app.db.pool.clone(), sql.to_string());
            async move { sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(&pool).await.expect("count") }
        };
        let listed = || async {
            let all = app.db.list_violations(&server::db::ViolationFilter::default()).await.expect("list");
            i64::try_from(all.len()).expect("small")
        };
        const ACTIVE: &str = "SELECT COUNT(*) FROM violations WHERE rule_id = 'R-ACTING-TOO-LONG' AND active = 1";
        const EVENTS: &str = "SELECT COUNT(*) FROM violation_events e JOIN violations v ON v.id = e.violation_id
                              WHERE v.rule_id = 'R-ACTING-TOO-LONG' AND e.actor = 'test'";
        import_json(&app.db, &acting("2024-08-02"), &meta(), today()).await.expect("accepted");
        assert_eq!(count(ACTIVE).await, 450);
        assert_eq!(count(&format!("{EVENTS} AND e.event = 'flagged'")).await, 450);
        assert_eq!(count("SELECT COUNT(DISTINCT record_id) FROM violations WHERE rule_id = 'R-ACTING-TOO-LONG'").await, 450,
                   "each violation names its own record");

        assert_eq!(app.db.active_violation_count().await.expect("count"), listed().await, "the demo's count is the list's length");
        import_json(&app.db, &acting("2024-07-31"), &meta(), today()).await.expect("accepted");
        assert_eq!(count(ACTIVE).await, 0);
        assert_eq!(app.db.active_violation_count().await.expect("count"), listed().await, "the demo's count is the list's length");
        assert_eq!(count("SELECT COUNT(*) FROM violations WHERE rule_id = 'R-ACTING-TOO-LONG' AND cleared_as_of = '2026-11-23'").await, 450);
        assert_eq!(count(&format!("{EVENTS} AND e.event = 'cleared'")).await, 450);

        import_json(&app.db, &acting("2024-08-02"), &meta(), today()).await.expect("accepted");
        assert_eq!(count(ACTIVE).await, 450);
        assert_eq!(count("SELECT COUNT(*) FROM violations WHERE rule_id = 'R-ACTING-TOO-LONG'").await, 450, "the same rows");
        assert_eq!(count(&format!("{EVENTS} AND e.event = 'reflagged'")).await, 450);
        assert_eq!(count(EVENTS).await, 1350, "one event each time, nothing else");
    }

    async fn one_bad_record_among_many_stores_nothing(app) {
        let mut batch = example();
        batch["records"][6]["total_score"] = json!(401);
        batch["records"][2]["candidates"][0]["nip"] = json!("196813102000031002");
        let Err(ImportError::Rejected(errors)) = import_json(&app.db, &batch.to_string(), &meta(), today()).await else {
            panic!("the batch must be refused");
        };
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/records/2/candidates/0/nip", "/records/6/total_score"]);
        assert_eq!(app.db.record_count().await.expect("count"), 0, "nothing of a refused batch is stored");
    }

    async fn malformed_json_is_refused_with_a_clear_error(app) {
        let Err(ImportError::Rejected(errors)) = import_json(&app.db, "{\"schema\": ", &meta(), today()).await else {
            panic!("refused");
        };
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message_en.starts_with("not valid JSON"), "{errors:?}");
        assert_eq!(app.db.record_count().await.expect("count"), 0);
    }

    async fn concurrent_batches_of_several_agencies_lose_nothing(app) {
        let agencies = ["32.04", "32.73", "33.74", "35.78", "K02", "L01", "11", "51.71"];
        let mut tasks = Vec::new();
        for code in agencies {
            let db = app.db.clone();
            tasks.push(tokio::spawn(async move {
                let records: Vec<Value> = (0..25)
                    .map(|i| json!({"kind": "job_fit", "id": format!("JF-{i}"), "held_on": "2024-02-01",
                                    "participants": ["196805102000031002"]}))
                    .collect();
                let batch = json!({"schema": "pantau.report.v1", "agency_code": code, "records": records});
                import_json(&db, &batch.to_string(), &meta(), today()).await.map(|done| done.counts.created)
            }));
        }
        for task in tasks {
            assert_eq!(task.await.expect("task").expect("accepted"), 25);
        }
        assert_eq!(app.db.record_count().await.expect("count"), 25 * 8);
        // The people's index is keyed by agency first (migration 0024): the NIP is found in every agency.
        let appearances = app.db.appearances("196805102000031002").await.expect("appearances");
        assert_eq!(appearances.len(), 25 * 8);
        let mut seen: Vec<&str> = appearances.iter().map(|a| a.agency_code.as_str()).collect();
        seen.dedup();
        let mut sorted = agencies.to_vec();
        sorted.sort_unstable();
        assert_eq!(seen, sorted, "by agency, each once");
        assert!(app.db.appearances("196805102000031003").await.expect("appearances").is_empty());
    }
}

mod migrations {
    use integration_tests::{empty_database, Engine};
    use server::db::Db;
    use server::domain::records::canonical_json;

    /// Migration 0005 fills the record rows of records stored before it, from their JSON.
    async fn backfill(engine: Engine) {
        let (url, _dir) = empty_database(engine).await;
        let db = Db::connect(&url).await.expect("connect");
        server::db::migrator(engine)
            .run_to(4, &db.pool)
            .await
            .expect("migrations 1-4");
        db.seed_registry().await.expect("registry");
        sqlx::query("INSERT INTO submissions (id, agency_code, source, received_at, accepted) VALUES (1, '32.04', 'cli', '2026-01-01T00:00:00Z', 1)")
            .execute(&db.pool).await.expect("submission");
        let example: serde_json::Value =
            serde_json::from_str(include_str!("../../docs/examples/batch-32.04.json"))
                .expect("json");
        for (i, record) in example["records"]
            .as_array()
            .expect("records")
            .iter()
            .enumerate()
        {
            sqlx::query("INSERT INTO records (id, agency_code, kind, record_id, revision, content, updated_at) VALUES ($1, '32.04', $2, $3, 1, $4, '2026-01-01T00:00:00Z')")
                .bind(i64::try_from(i).expect("small") + 1)
                .bind(record["kind"].as_str())
                .bind(record["id"].as_str())
                .bind(canonical_json(record))
                .execute(&db.pool).await.expect("record");
        }
        db.migrate().await.expect("migration 5");
        let count = |sql: &'static str| {
            let pool = db.pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .fetch_one(&pool)
                    .await
                    .expect(sql)
            }
        };
        assert_eq!(
            count("SELECT COUNT(*) FROM selection_committee_members").await,
            5
        );
        assert_eq!(count("SELECT COUNT(*) FROM selection_candidates").await, 4);
        assert_eq!(count("SELECT COUNT(*) FROM selection_candidates WHERE proposed_rank IS NULL AND nip = '198002292005012004' AND ordinal = 3").await, 1);
        assert_eq!(count("SELECT COUNT(*) FROM selection_committee_members WHERE ordinal = 0 AND role = 'chair' AND origin = 'internal'").await, 1);
        assert_eq!(count("SELECT COUNT(*) FROM job_fit_participants WHERE ordinal = 1 AND nip = '197503152001121003'").await, 1);
        // Migration 0024 gave the parts their agency.
        assert_eq!(
            count("SELECT COUNT(*) FROM selection_candidates WHERE agency_code = '32.04'").await,
            4
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM job_fit_participants WHERE agency_code <> '32.04'").await,
            0
        );
        let appearances = db
            .appearances("197001012000032001")
            .await
            .expect("appearances");
        let kinds: Vec<&str> = appearances.iter().map(|a| a.record_kind.as_str()).collect();
        assert_eq!(kinds, ["job_fit", "selection"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn backfill_on_sqlite() {
        backfill(Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn backfill_on_postgres() {
        backfill(Engine::Postgres).await;
    }
}
