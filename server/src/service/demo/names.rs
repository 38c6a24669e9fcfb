//! The names and posts the demo data draws from.

pub(super) const FIRST_NAMES: &[&str] = &[
    "Agus", "Budi", "Dewi", "Sri", "Wahyu", "Rina", "Hendra", "Siti", "Yudi", "Ratna", "Bambang",
    "Lestari", "Eko", "Nurul", "Teguh", "Indah", "Fajar", "Maya", "Rudi", "Ayu",
];
pub(super) const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wibowo",
    "Hidayat",
    "Kusuma",
    "Pratama",
    "Saputra",
    "Lubis",
    "Siregar",
    "Nasution",
    "Harahap",
    "Setiawan",
    "Rahmawati",
    "Gunawan",
    "Purnomo",
    "Susanti",
    "Syahputra",
];
pub(super) const REGIONAL_POSTS: &[&str] = &[
    "Kepala Dinas Pendidikan",
    "Kepala Dinas Kesehatan",
    "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
    "Kepala Badan Kepegawaian dan Pengembangan SDM",
    "Kepala Badan Perencanaan Pembangunan Daerah",
    "Kepala Dinas Sosial",
    "Kepala Dinas Perhubungan",
    "Sekretaris DPRD",
    "Kepala Badan Keuangan dan Aset Daerah",
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Kepala Dinas Penanaman Modal",
    "Inspektur Daerah",
];
pub(super) const CENTRAL_POSTS: &[&str] = &[
    "Direktur Perencanaan",
    "Kepala Biro Umum",
    "Kepala Biro Sumber Daya Manusia",
    "Direktur Pengawasan",
    "Kepala Pusat Data dan Informasi",
    "Direktur Pelayanan Publik",
    "Kepala Biro Hukum",
    "Direktur Kerja Sama",
];
pub(super) const CENTRAL_SENIOR_POSTS: &[&str] = &[
    "Sekretaris Jenderal",
    "Inspektur Jenderal",
    "Direktur Jenderal",
    "Kepala Badan",
    "Deputi Bidang Kebijakan",
];
