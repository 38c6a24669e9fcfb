//! The compact form of a validated record that the rules read: its id and typed body, encoded with postcard
//! (a few dozen bytes where the canonical JSON takes about a thousand). It is a cache next to the JSON, written
//! when a record is stored: a full evaluation then reads and decodes 1.1 million records in a second instead of
//! re-parsing and re-validating a gigabyte of JSON (docs/benchmarks.md). The JSON stays the record of what was
//! sent; when the format below changes, [`VERSION`] goes up and older rows are decoded from their JSON (and
//! re-cached) again.

use crate::domain::records::RecordBody;

/// The first byte of every compact record; a row with another is read from its JSON instead.
pub const VERSION: u8 = 1;

#[derive(Debug, thiserror::Error)]
#[error("compact record: {0}")]
pub struct CompactError(String);

/// The compact bytes of a record.
pub fn encode(id: &str, body: &RecordBody) -> Result<Vec<u8>, CompactError> {
    let mut bytes = vec![VERSION];
    bytes.extend(postcard::to_allocvec(&(id, body)).map_err(|e| CompactError(e.to_string()))?);
    Ok(bytes)
}

/// The id and body of compact bytes, or `None` when they are of another version (read the JSON instead).
pub fn decode(bytes: &[u8]) -> Result<Option<(String, RecordBody)>, CompactError> {
    match bytes.split_first() {
        Some((&VERSION, rest)) => postcard::from_bytes(rest)
            .map(Some)
            .map_err(|e| CompactError(e.to_string())),
        _ => Ok(None),
    }
}

/// Joins the compact forms of one agency's records into a bundle: [`VERSION`], then each as a 4-byte
/// little-endian length and its bytes.
pub fn bundle(pieces: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + pieces.iter().map(|p| p.len() + 4).sum::<usize>());
    out.push(VERSION);
    for piece in pieces {
        out.extend(u32::try_from(piece.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend(piece);
    }
    out
}

/// The compact forms in a bundle, or `None` when it is of another version or damaged (read the rows instead).
pub fn unbundle(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let (&version, mut rest) = bytes.split_first()?;
    if version != VERSION {
        return None;
    }
    let mut pieces = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        if tail.len() < len {
            return None;
        }
        let (piece, tail) = tail.split_at(len);
        pieces.push(piece);
        rest = tail;
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nip::Nip;
    use crate::domain::records::{ActingAssignment, ActingType, Level, Position};
    use crate::domain::Date;

    #[test]
    fn a_record_round_trips_and_other_versions_are_refused_politely() {
        let body = RecordBody::ActingAssignment(ActingAssignment {
            nip: Nip::parse("198012212008121008").expect("nip"),
            name: "Nurul Wibowo".into(),
            position: Position {
                title: "Asisten".into(),
                level: Level::Pratama,
            },
            acting_type: ActingType::Plt,
            starts_on: Date::parse("2022-09-13").expect("date"),
            ends_on: None,
            extended: true,
        });
        let bytes = encode("PLT-1", &body).expect("encode");
        assert!(bytes.len() < 100, "compact: {} bytes", bytes.len());
        assert_eq!(
            decode(&bytes).expect("decode"),
            Some(("PLT-1".to_string(), body))
        );
        let mut other = bytes.clone();
        other[0] = VERSION + 1;
        assert_eq!(decode(&other).expect("decode"), None);
        assert_eq!(decode(&[]).expect("decode"), None);
        assert!(
            decode(&[VERSION, 0xff]).is_err(),
            "damaged bytes are an error, not a silent skip"
        );
    }

    #[test]
    fn a_bundle_gives_back_its_pieces_and_refuses_damage() {
        let pieces = vec![vec![VERSION, 1, 2], vec![], vec![VERSION; 300]];
        let joined = bundle(&pieces);
        let back: Vec<Vec<u8>> = unbundle(&joined)
            .expect("bundle")
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect();
        assert_eq!(back, pieces);
        assert_eq!(unbundle(&bundle(&[])).map(|p| p.len()), Some(0));
        assert!(unbundle(&joined[..joined.len() - 1]).is_none(), "truncated");
        let mut other = joined.clone();
        other[0] = VERSION + 1;
        assert!(unbundle(&other).is_none());
    }
}
