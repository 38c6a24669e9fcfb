// Every route of the app and who may open it, shared by the phone checks (phone.js) and the byte budgets
// (bytes.js). A route added to the app is added here, so that both check it.
export const ROLES = ['visitor', 'operator-3204', 'analis', 'komisioner', 'admin'];
const VIOLATION_READERS = ['analis', 'komisioner', 'admin'];
const CASE_READERS = ['analis', 'komisioner'];

/** Route → who gets it (200); a visitor is refused with 401, anyone else with 403. */
export const ROUTES = {
  '/': ROLES,
  '/instansi': ROLES,
  '/instansi/32.04': ROLES,
  '/provinsi/32': ROLES,
  '/sistem-merit': ROLES,
  '/netralitas': ROLES,
  '/netralitas/lapor': ROLES,
  '/netralitas/cek': ROLES,
  '/netralitas/tanda-terima': ROLES,
  '/masuk': ROLES,
  '/unggah': ROLES,
  '/akun': ROLES,
  '/pelanggaran': VIOLATION_READERS,
  '/pelanggaran/{violation}': VIOLATION_READERS,
  '/parameter': VIOLATION_READERS,
  '/rekomendasi': VIOLATION_READERS,
  '/instansi/32.04/kartu-skor': CASE_READERS,
  '/instansi/32.04/paket-tinjauan': CASE_READERS,
  '/pengaduan': CASE_READERS,
  '/instansi-senyap': CASE_READERS,
  '/sinyal': CASE_READERS,
  '/pengaduan/{case}': CASE_READERS,
  '/audit': ['admin'],
  '/pengguna': ['admin'],
  '/kotak-keluar': ['admin'],
  '/registri': ['admin'],
};

/** The route with its parameters filled in from `ids` (a violation and a complaint case that exist). */
export function withIds(pattern, ids) {
  return pattern.replace('{violation}', ids.violation).replace('{case}', ids.case);
}
