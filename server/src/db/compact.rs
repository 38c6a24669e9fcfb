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

/// The first byte of a bundle of plain pieces (the format before bundles were deflated; still read).
const BUNDLE_PLAIN: u8 = 1;
/// The first byte of a deflated bundle (the pieces carry their own [`VERSION`]).
const BUNDLE_DEFLATED: u8 = 2;
/// What a bundle may inflate to at most: a damaged one is refused instead of filling memory. The largest agency's
/// bundle at `--scale 10` inflates to a few MB.
const BUNDLE_LIMIT: usize = 256 << 20;

/// Joins the compact forms of one agency's records into a bundle: each as a 4-byte little-endian length and its
/// bytes, deflated (at the fastest level) behind [`BUNDLE_DEFLATED`]. Deflated, the bundles take a third of the
/// space (postcard leaves the repeated names, titles and dates of an agency's records as they are): 20 MB to 7.7
/// MB at `--scale 1`, a sixth of the whole file (docs/benchmarks.md).
pub fn bundle(pieces: &[Vec<u8>]) -> Vec<u8> {
    let mut plain = Vec::with_capacity(pieces.iter().map(|p| p.len() + 4).sum::<usize>());
    for piece in pieces {
        plain.extend(u32::try_from(piece.len()).unwrap_or(u32::MAX).to_le_bytes());
        plain.extend(piece);
    }
    let mut out = vec![BUNDLE_DEFLATED];
    out.extend(miniz_oxide::deflate::compress_to_vec(&plain, 1));
    out
}

/// The compact forms in a bundle, deflated or plain, or `None` when it is of another format or damaged (read the
/// rows instead).
pub fn unbundle(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let (&format, rest) = bytes.split_first()?;
    let inflated;
    let mut rest = match format {
        BUNDLE_PLAIN => rest,
        BUNDLE_DEFLATED => {
            inflated =
                miniz_oxide::inflate::decompress_to_vec_with_limit(rest, BUNDLE_LIMIT).ok()?;
            inflated.as_slice()
        }
        _ => return None,
    };
    let mut pieces = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        if tail.len() < len {
            return None;
        }
        let (piece, tail) = tail.split_at(len);
        pieces.push(piece.to_vec());
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
        assert_eq!(joined[0], BUNDLE_DEFLATED);
        assert!(joined.len() < 100, "deflated: {} bytes", joined.len());
        assert_eq!(unbundle(&joined), Some(pieces.clone()));
        assert_eq!(unbundle(&bundle(&[])).map(|p| p.len()), Some(0));
        assert!(unbundle(&joined[..joined.len() - 1]).is_none(), "truncated");
        let mut other = joined.clone();
        other[0] = 3;
        assert!(unbundle(&other).is_none(), "another format");
        assert!(unbundle(&[]).is_none());
    }

    #[test]
    fn a_plain_bundle_of_before_is_still_read() {
        // 1, then each piece as its length and bytes: how bundles were stored before they were deflated.
        let plain = [BUNDLE_PLAIN, 2, 0, 0, 0, VERSION, 7, 0, 0, 0, 0];
        assert_eq!(unbundle(&plain), Some(vec![vec![VERSION, 7], vec![]]));
        assert!(unbundle(&plain[..plain.len() - 1]).is_none(), "truncated");
    }
}
