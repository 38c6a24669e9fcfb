//! The checks of single values a record is made of. Each reports its problem on the checker, worded for the
//! clerk in both languages, and returns the typed value or `None`.

use super::*;

impl Checker<'_> {
    pub(super) fn fail(&mut self, pointer: &str, message: String, message_en: String) {
        if self.errors.list.len() >= MAX_ERRORS {
            self.errors.omitted += 1;
            return;
        }
        self.errors.list.push(FieldError {
            index: self.index,
            id: self.id.clone(),
            pointer: pointer.to_string(),
            message,
            message_en,
            location: None,
            omitted: None,
        });
    }

    pub(super) fn object<'v>(
        &mut self,
        value: &'v Value,
        pointer: &str,
    ) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.fail(
                pointer,
                "harus berupa objek JSON".into(),
                "must be a JSON object".into(),
            );
        }
        object
    }

    /// Unknown fields are errors: they are usually typos of real ones.
    pub(super) fn unknown_fields(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        allowed: &[&str],
    ) {
        for key in object.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.fail(
                &join(pointer, key),
                format!(
                    "kolom tidak dikenal; yang diperbolehkan: {}",
                    allowed.join(", ")
                ),
                format!("unknown field; allowed: {}", allowed.join(", ")),
            );
        }
    }

    pub(super) fn missing(&mut self, pointer: &str) {
        self.fail(pointer, "wajib diisi".into(), "required".into());
    }

    /// A required field (present and not null), read by `read` with its pointer.
    pub(super) fn required<T>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let at = join(pointer, key);
        match object.get(key) {
            None | Some(Value::Null) => {
                self.missing(&at);
                None
            }
            Some(value) => read(self, value, &at),
        }
    }

    /// A required, non-empty string.
    pub(super) fn string(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<String> {
        // The pointer is written only for an error: most strings are valid (issue #21).
        let at = || join(pointer, key);
        match object.get(key) {
            None | Some(Value::Null) => {
                self.missing(&at());
                None
            }
            Some(Value::String(s)) if self.fresh && has_control(s) => {
                self.fail(
                    &at(),
                    "berisi karakter kendali (mis. NUL) yang tidak boleh ada dalam teks".into(),
                    "contains a control character (e.g. NUL), which text may not hold".into(),
                );
                None
            }
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.fail(
                    &at(),
                    "tidak boleh kosong".into(),
                    "must not be empty".into(),
                );
                None
            }
            Some(_) => {
                self.fail(&at(), "harus berupa teks".into(), "must be a string".into());
                None
            }
        }
    }

    /// `Some(None)` when absent or null, `None` when present but wrong.
    pub(super) fn optional<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        key: &str,
    ) -> Option<Option<&'v Value>> {
        match object.get(key) {
            None | Some(Value::Null) => Some(None),
            Some(value) => Some(Some(value)),
        }
    }

    pub(super) fn date_value(&mut self, value: &Value, at: &str) -> Option<Date> {
        match value.as_str().map(Date::parse) {
            Some(Ok(date)) if date < self.bounds.earliest || date > self.bounds.latest => {
                let (from, to) = (self.bounds.earliest, self.bounds.latest);
                self.fail(
                    at,
                    format!("{date} di luar rentang yang masuk akal ({from} s.d. {to})"),
                    format!("{date} is outside the plausible range ({from} to {to})"),
                );
                None
            }
            Some(Ok(date)) if self.bounds.retired_on.is_some_and(|last| date > last) => {
                let last = self.bounds.retired_on.unwrap_or(date);
                self.fail(
                    at,
                    format!("{date} setelah instansi ini dibubarkan ({last}); laporkan lewat instansi penggantinya"),
                    format!("{date} is after this agency was retired ({last}); report it through its successor"),
                );
                None
            }
            Some(Ok(date)) => Some(date),
            Some(Err(crate::domain::date::DateError::Impossible(text))) => {
                self.fail(
                    at,
                    format!("{text} bukan tanggal yang ada"),
                    format!("{text} is not a calendar date"),
                );
                None
            }
            _ => {
                self.fail(
                    at,
                    "harus tanggal berformat YYYY-MM-DD".into(),
                    "must be a date as YYYY-MM-DD".into(),
                );
                None
            }
        }
    }

    pub(super) fn date(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Date> {
        self.required(object, key, pointer, Self::date_value)
    }

    pub(super) fn optional_date(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Option<Date>> {
        match self.optional(object, key)? {
            None => Some(None),
            Some(value) => self.date_value(value, &join(pointer, key)).map(Some),
        }
    }

    pub(super) fn boolean(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<bool> {
        match object.get(key) {
            None | Some(Value::Null) => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.fail(
                    &join(pointer, key),
                    "harus true atau false".into(),
                    "must be true or false".into(),
                );
                None
            }
        }
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let text = self.string(object, key, pointer)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.fail(
                &join(pointer, key),
                format!(
                    "nilai {text:?} tidak dikenal; pilih salah satu: {}",
                    expected()
                ),
                format!("unknown value {text:?}; expected one of: {}", expected()),
            );
        }
        parsed
    }

    pub(super) fn nip_value(&mut self, value: &Value, at: &str) -> Option<Nip> {
        let Some(text) = value.as_str() else {
            self.fail(
                at,
                "NIP harus berupa teks 18 digit".into(),
                "a NIP must be a string of 18 digits".into(),
            );
            return None;
        };
        match Nip::parse(text) {
            Ok(nip) => Some(nip),
            Err(err) => {
                self.fail(at, err.message_id(), err.to_string());
                None
            }
        }
    }

    pub(super) fn nip(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Nip> {
        self.required(object, key, pointer, Self::nip_value)
    }

    pub(super) fn position_value(&mut self, value: &Value, at: &str) -> Option<Position> {
        let object = self.object(value, at)?;
        self.unknown_fields(object, at, &["title", "level"]);
        let title = self.string(object, "title", at);
        let level = self.choice(object, "level", at, Level::parse, Level::expected);
        Some(Position {
            title: title?,
            level: level?,
        })
    }

    pub(super) fn position(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Position> {
        self.required(object, key, pointer, Self::position_value)
    }

    pub(super) fn letter(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Option<Letter>> {
        let Some(value) = self.optional(object, key)? else {
            return Some(None);
        };
        let at = join(pointer, key);
        let letter = self.object(value, &at)?;
        self.unknown_fields(letter, &at, &["number", "issued_on"]);
        let number = self.string(letter, "number", &at);
        let issued_on = self.date(letter, "issued_on", &at);
        Some(Some(Letter {
            number: number?,
            issued_on: issued_on?,
        }))
    }

    /// A non-empty array, each element checked by `each` (which gets the element and its pointer).
    pub(super) fn list<T>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        at_least_one: bool,
        mut each: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let at = join(pointer, key);
        let items = match object.get(key) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) if !at_least_one => return Some(Vec::new()),
            None | Some(Value::Null) => {
                self.missing(&at);
                return None;
            }
            Some(_) => {
                self.fail(
                    &at,
                    "harus berupa daftar (array)".into(),
                    "must be an array".into(),
                );
                return None;
            }
        };
        if at_least_one && items.is_empty() {
            self.fail(
                &at,
                "minimal satu isian".into(),
                "needs at least one entry".into(),
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut all_valid = true;
        for (i, item) in items.iter().enumerate() {
            match each(self, item, &join(&at, &i.to_string())) {
                Some(value) => out.push(value),
                None => all_valid = false,
            }
        }
        all_valid.then_some(out)
    }

    /// `later` must not be before `earlier`; `strictly` also refuses the same day.
    pub(super) fn order(
        &mut self,
        earlier: Option<Date>,
        later: Option<Date>,
        at: &str,
        earlier_name: &str,
        strictly: bool,
    ) {
        if let (Some(earlier), Some(later)) = (earlier, later) {
            if later < earlier || (strictly && later == earlier) {
                let (id_words, en_words) = if strictly {
                    ("harus setelah", "must be after")
                } else {
                    ("tidak boleh sebelum", "must not be before")
                };
                self.fail(
                    at,
                    format!("{later} {id_words} {earlier_name} ({earlier})"),
                    format!("{later} {en_words} {earlier_name} ({earlier})"),
                );
            }
        }
    }
}
