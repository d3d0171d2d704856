## Umum
button-cancel = Batal
button-back = « Kembali
button-close = Tutup
button-yes = Ya, lanjutkan
button-send = Kirim permintaan
button-restart = Ulangi dari awal
action-cancelled = Dibatalkan. Tidak ada yang diubah.
action-closed = Ditutup.
cancel-done = Baik, dibatalkan. Ketik /bantuan untuk melihat perintah.
cancel-nothing = Tidak ada yang sedang berjalan. Ketik /bantuan untuk melihat perintah.
form-right-lost = Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.

## Perintah (menu Telegram dan /bantuan)
command-start = Mulai dan daftar ke RT Anda
command-bantuan = Daftar perintah
command-profil = Lihat data diri Anda
command-bahasa = Ganti bahasa
command-batal = Batalkan isian yang sedang berjalan
command-keluar = Keluar dari RT
command-hapusdata = Hapus data pribadi Anda
command-dataku = Unduh semua data Anda yang kami simpan
command-audit = Log audit tindakan pengurus
command-anggota = Anggota RT dan permintaan bergabung
command-keluarkan = Keluarkan anggota dari RT
command-jumlahkk = Atur jumlah KK di RT
command-serahkan = Serahkan jabatan ketua RT
command-petugas = Angkat atau copot petugas RT
command-undangan = Tautan undangan untuk warga
command-buatrt = Daftarkan RT baru
command-daftarrt = Daftar RT di wilayah Anda
command-tautanketua = Tautan ketua RT baru untuk RT di wilayah Anda
command-angkatkoordinator = Angkat koordinator kelurahan/kecamatan
help-title = Perintah yang bisa Anda gunakan:

## Peran
role-warga = warga
role-ketua_rt = ketua RT
role-petugas = petugas
role-petugas_bank = petugas bank sampah
role-penilai = tim penilai
role-koordinator = koordinator
role-admin = admin kota
membership-status-pending = menunggu persetujuan ketua RT
membership-status-active = anggota aktif
area-kelurahan = Kelurahan { $name }
area-kecamatan = Kecamatan { $name }

## Mulai
start-welcome =
    Selamat datang di bot Kampung BANTAR (Bersih, Aman, Pintar) Kota Jambi! 👋
    Lewat bot ini Anda bisa bergabung dengan RT, menerima pengingat gotong royong dan ronda, serta melihat partisipasi warga.
start-already-member = Halo { $name }, Anda sudah terdaftar di RT { $rt } Kelurahan { $kelurahan }. Ketik /bantuan untuk melihat perintah.
start-pending = Permintaan Anda bergabung ke RT { $rt } Kelurahan { $kelurahan } masih menunggu persetujuan sejak { $since }. Kirim /keluar jika ingin membatalkannya.
start-staff = Halo { $name }! Ketik /bantuan untuk melihat perintah yang bisa Anda gunakan.

## Persetujuan data (UU 27/2022 tentang Pelindungan Data Pribadi)
consent-text =
    Sebelum mendaftar, mohon baca ini.

    Data yang kami simpan:
    • ID Telegram Anda, agar bot bisa mengirim pesan kepada Anda;
    • nama yang Anda tulis dan keterangan KK (keluarga/nomor rumah);
    • RT tempat Anda bergabung, peran Anda, dan kegiatan yang Anda ikuti.

    Untuk apa: mencatat keanggotaan dan partisipasi warga dalam program Kampung BANTAR, mengirim pengingat kegiatan, dan menyusun rekap untuk ketua RT serta pendamping/koordinator kelurahan. Data tidak dijual dan tidak dibagikan ke pihak lain.

    Yang bisa melihat: ketua RT Anda, petugas RT, koordinator wilayah, dan admin kota.

    Hak Anda: melihat data Anda (/profil), keluar dari RT (/keluar), dan menghapus data pribadi Anda kapan saja (/hapusdata).

    Apakah Anda setuju?
button-consent-yes = ✅ Saya setuju
button-consent-no = Tidak setuju
consent-thanks = Terima kasih. Persetujuan Anda sudah dicatat.
consent-declined = Baik, tidak ada data Anda yang kami simpan. Jika berubah pikiran, kirim /start kapan saja.

## Pendaftaran
reg-choose-kecamatan = Pilih kecamatan tempat Anda tinggal:
reg-choose-kelurahan = Kecamatan { $kecamatan }. Pilih kelurahan:
reg-choose-rt = Kelurahan { $kelurahan }. Pilih RT Anda:
reg-no-rt = Belum ada RT di Kelurahan { $kelurahan } yang terdaftar di bot ini. Minta ketua RT Anda menghubungi koordinator kelurahan, atau pilih kelurahan lain.
reg-rt-chosen = Dipilih: RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-invited-to = Anda diundang bergabung ke RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-ask-name = Siapa nama Anda? Tulis nama yang dikenal warga RT, misalnya: Siti Aminah.
button-use-name = Pakai nama: { $name }
reg-ask-household = Siapa kepala keluarga di kartu keluarga (KK) Anda? Tulis namanya, misalnya "KK Budi Santoso". Anggota keluarga yang lain menulis nama yang sama, agar terhitung satu KK. Ini bukan nomor rumah.
reg-summary =
    Periksa kembali:
    • RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Nama: { $name }
    • Disapa: { $addressed }
    • KK: { $household }

    Kirim permintaan bergabung?
reg-cancelled = Pendaftaran dibatalkan. Kirim /start untuk mulai lagi.
reg-sent-ketua = Permintaan Anda sudah dikirim ke ketua RT { $rt }. Kami akan memberi tahu Anda setelah disetujui.
reg-sent-koordinator = RT { $rt } belum punya ketua di bot ini, jadi permintaan Anda diteruskan ke koordinator wilayah. Kami akan memberi tahu Anda setelah disetujui.
reg-sent-nobody = Permintaan Anda sudah tercatat, tetapi RT { $rt } belum punya ketua atau koordinator yang aktif di bot ini. Permintaan akan menunggu sampai ada yang memprosesnya.
reg-role-ketua-intro = Tautan ini menjadikan Anda ketua RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-role-ketua-summary =
    Periksa kembali:
    • Ketua RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Nama: { $name }
    • Disapa: { $addressed }
    • KK: { $household }

    Lanjutkan?
reg-role-ketua-done = Selamat, Anda sekarang ketua RT { $rt } Kelurahan { $kelurahan }! Bagikan tautan undangan warga dengan /undangan, dan lihat perintah lain di /bantuan.
reg-role-koordinator-intro = Tautan ini menjadikan Anda koordinator { $area }.
reg-role-koordinator-summary =
    Periksa kembali:
    • Koordinator { $area }
    • Nama: { $name }
    • Disapa: { $addressed }

    Lanjutkan?
reg-role-koordinator-done = Selamat, Anda sekarang koordinator { $area }. Lihat perintah Anda di /bantuan.

## Keputusan ketua RT
membership-request-received =
    Permintaan bergabung ke RT { $rt } Kelurahan { $kelurahan }:
    • Nama: { $name }
    • KK: { $household }
button-approve = ✅ Setujui
button-reject = ❌ Tolak
decision-approved = { $name } disetujui menjadi warga.
decision-rejected = Permintaan { $name } ditolak.
membership-approved = Selamat, { $name }! Anda sudah menjadi warga RT { $rt } Kelurahan { $kelurahan } di bot Kampung BANTAR. Ketik /bantuan untuk melihat perintah.
membership-rejected = Maaf, permintaan Anda bergabung ke RT { $rt } Kelurahan { $kelurahan } tidak disetujui. Hubungi ketua RT Anda jika ada kekeliruan.
membership-removed = Anda telah dikeluarkan dari RT { $rt } Kelurahan { $kelurahan } oleh ketua RT. Hubungi ketua RT Anda jika ada kekeliruan.

## Anggota (ketua RT)
members-title = Warga RT { $rt } Kelurahan { $kelurahan }: { $active } anggota aktif, { $households } KK terdata.
members-pending-title = Menunggu persetujuan ({ $count }):
picker-mbr = Pilih warga yang akan dikeluarkan dari RT { $rt }:
picker-ho = Pilih warga yang akan menjadi ketua RT { $rt } berikutnya:
picker-pt = Ketuk nama untuk mengangkat atau mencopot petugas RT { $rt } (✅ = petugas):
picker-empty = Belum ada anggota aktif lain di RT { $rt }.
remove-confirm = Keluarkan { $name } dari RT { $rt }?
remove-done = { $name } sudah dikeluarkan dari RT.
handover-confirm = Serahkan jabatan ketua RT { $rt } kepada { $name }? Anda tetap menjadi warga RT ini.
handover-done = Jabatan ketua RT { $rt } sudah diserahkan kepada { $name }. Terima kasih atas pengabdian Anda!
handover-received = { $from } menyerahkan jabatan ketua RT { $rt } Kelurahan { $kelurahan } kepada Anda. Lihat perintah ketua RT di /bantuan.
petugas-appointed = { $name } sekarang petugas RT.
petugas-revoked = { $name } tidak lagi menjadi petugas RT.
petugas-appointed-notice = Anda diangkat menjadi petugas RT { $rt } Kelurahan { $kelurahan }.
petugas-revoked-notice = Tugas Anda sebagai petugas RT { $rt } Kelurahan { $kelurahan } telah selesai. Terima kasih!
kk-ask = Berapa jumlah KK (kartu keluarga) di RT Anda? Tulis angkanya saja, misalnya 120.
kk-example = Contoh: /jumlahkk 120
kk-set = Jumlah KK RT { $rt } Kelurahan { $kelurahan } sekarang { $count }.
invite-link =
    Tautan undangan warga RT { $rt } Kelurahan { $kelurahan }:
    { $link }

    Bagikan ke grup WhatsApp/Telegram RT. Warga yang membukanya langsung masuk ke RT ini, lalu menunggu persetujuan Anda.
button-invite-reset = 🔄 Buat tautan baru (yang lama tidak berlaku)
invite-reset-done = Tautan baru dibuat; tautan lama tidak berlaku lagi.

## Koordinator dan admin
staff-choose-kecamatan = Pilih kecamatan:
staff-choose-kelurahan = Kecamatan { $kecamatan }. Pilih kelurahan:
staff-ask-rt-number = Kelurahan { $kelurahan }. Nomor RT berapa? Tulis angkanya saja, misalnya 5.
staff-ask-household-count = Berapa jumlah KK di RT ini? Tulis 0 jika belum tahu.
staff-rt-created =
    RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan } sudah terdaftar.

    Kirim tautan ini kepada ketua RT. Tautan hanya bisa dipakai satu kali dan berlaku sampai { $expires }:
    { $link }

    Tautan hilang atau kedaluwarsa? Buat yang baru dengan /tautanketua.
staff-choose-level = Koordinator untuk tingkat apa?
button-level-kelurahan = Kelurahan
button-level-kecamatan = Kecamatan
staff-koordinator-link =
    Tautan untuk koordinator { $area } (satu kali pakai, berlaku 7 hari):
    { $link }
ketualink-choose = Untuk RT mana tautan ketua baru dibuat?
ketualink-rt-button = RT { $rt } · { $kelurahan }
ketualink-confirm =
    Buat tautan ketua baru untuk RT { $rt } Kelurahan { $kelurahan }?
    Tautan ketua sebelumnya untuk RT ini yang belum dipakai tidak berlaku lagi.
ketualink-confirm-replaces =
    RT { $rt } Kelurahan { $kelurahan } sekarang diketuai { $ketua }. Siapa pun yang membuka tautan baru menjadi ketua RT menggantikan { $ketua }.
    Tautan ketua sebelumnya untuk RT ini yang belum dipakai tidak berlaku lagi. Buat tautan baru?
button-ketualink-make = Buat tautan
ketualink-made =
    Tautan ketua RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }. Kirim kepada ketua RT; hanya bisa dipakai satu kali dan berlaku sampai { $expires }:
    { $link }
ketualink-replaced = Tautan ketua sebelumnya untuk RT ini tidak berlaku lagi.
registry-title = RT di wilayah Anda ({ $count }):
registry-kelurahan = 📍 { $kelurahan }, Kec. { $kecamatan }
registry-rt = • RT { $rt }: { $active } warga aktif, { $pending } menunggu, { $households } KK
registry-empty = Belum ada RT terdaftar di wilayah Anda. Daftarkan dengan /buatrt.

## Profil, bahasa, keluar, hapus data
profile =
    Data diri Anda
    • Nama: { $name }
    • Disapa: { $addressed }
    • RT: { $place }
    • Status: { $status }
    • KK: { $household }
    • Kode anggota (untuk bank sampah): { $code }
    • Peran: { $roles }
    • Bahasa: { $language }
    • Persetujuan data: { $consent }
profile-place = RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
profile-no-place = belum terdaftar di RT
profile-none = Anda belum terdaftar. Kirim /start untuk mendaftar.
language-choose = Pilih bahasa:
language-set = Baik, bot akan memakai Bahasa Indonesia.
language-name-id = Bahasa Indonesia
language-name-en = English
leave-confirm = Yakin keluar dari RT { $rt } Kelurahan { $kelurahan }? Riwayat kegiatan Anda tetap tercatat.
button-leave-yes = Ya, keluar
leave-done = Anda sudah keluar dari RT { $rt } Kelurahan { $kelurahan }. Kirim /start jika ingin bergabung ke RT lain.
leave-ketua-notice = { $name } keluar dari RT { $rt } Kelurahan { $kelurahan }.
erase-confirm =
    Hapus data pribadi Anda?
    Nama, ID Telegram, keterangan KK, dan peran Anda akan dihapus, dan Anda keluar dari RT. Angka rekap RT (misalnya jumlah peserta kegiatan) dan pembukuan bank sampah tetap, tanpa nama Anda: saldo tabungan yang tersisa tidak bisa ditarik lagi, jadi tarik dulu jika perlu. Salinan data Anda bisa diunduh dulu dengan /dataku. Ini tidak bisa dibatalkan.
button-erase-yes = Ya, hapus data saya
erase-done = Data pribadi Anda sudah dihapus. Terima kasih telah ikut serta. Kirim /start jika ingin mendaftar lagi.
erase-nothing = Kami tidak menyimpan data pribadi Anda.
dataku-none = Kami tidak menyimpan data pribadi Anda.
dataku-caption = Semua data Anda yang kami simpan (profil, keanggotaan RT, peran, kegiatan, tabungan bank sampah, bacaan). Simpan baik-baik: berkas ini berisi data pribadi.

## Log audit (/audit, admin kota)
audit-title = 📋 Log audit: { $total } catatan, terbaru dulu (halaman { $page }/{ $pages })
audit-empty = Log audit masih kosong.
audit-line = • { $when }: { $actor } { $what }
audit-line-rt = • { $when }: { $actor } { $what } (RT { $rt } { $kelurahan })
audit-person-erased = (data dihapus)
audit-person-unknown = (tanpa nama)
audit-action-membership_approved = menyetujui { $target } sebagai warga
audit-action-membership_rejected = menolak permintaan bergabung { $target }
audit-action-member_removed = mengeluarkan { $target } dari RT
audit-action-role_granted = mengangkat { $target } sebagai { $role }
audit-action-role_revoked = mencabut peran { $role } dari { $target }
audit-action-ketua_handed_over = menyerahkan jabatan ketua RT kepada { $target }
audit-action-role_invite_created = membuat tautan pengangkatan { $role }
audit-action-ledger_deposit = mencatat setoran No. { $entry } sebesar { $amount } untuk { $target }
audit-action-ledger_withdrawal = mencatat penarikan No. { $entry } sebesar { $amount } dari tabungan { $target }
audit-action-ledger_reversal = mencatat koreksi No. { $entry } untuk { $target }: { $cancelled } dibatalkan ({ $amount })
audit-action-broadcast_started = mengirim pengumuman ke { $recipients } penerima
audit-action-broadcast_stopped = menghentikan pengumuman #{ $entry }
audit-action-manual_score_entered = memberi nilai { $indicator } = { $score }
audit-action-data_erased = menghapus data pribadinya

## Isian yang tidak sesuai
input-empty = Isian masih kosong. Silakan tulis lagi.
input-too-short = Terlalu pendek: paling sedikit { $min } huruf.
input-too-long = Terlalu panjang: paling banyak { $max } karakter.
input-name-characters = Nama diawali huruf dan hanya boleh berisi huruf, spasi, titik, koma, tanda hubung, dan apostrof (tanpa angka atau emoji). Contoh: Siti Aminah.
input-household-characters = Awali dengan huruf atau angka, lalu gunakan huruf, angka, spasi, dan tanda . , ' / - # ( ) saja (tanpa emoji). Contoh: Keluarga Pak Budi, No. 12B.
input-place-characters = Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05.
input-not-a-whole-number = Harus bilangan bulat, tanpa koma, dari { $min } sampai { $max }.
input-not-a-number = Itu bukan angka. Tulis angkanya saja, dari { $min } sampai { $max }.
input-out-of-range = Angka harus antara { $min } dan { $max }.
input-text-expected = Mohon jawab dengan teks, atau kirim /batal untuk berhenti.
input-use-buttons = Silakan pilih dengan tombol di atas, atau kirim /batal untuk berhenti.

## Penolakan dan kesalahan
error-not-allowed = Maaf, Anda tidak berwenang melakukan ini.
error-not-registered = Anda belum terdaftar di RT mana pun. Kirim /start untuk mendaftar.
error-no-consent = Anda perlu menyetujui penyimpanan data terlebih dahulu. Kirim /start.
error-already-member = Anda sudah menjadi warga RT lain. Kirim /keluar dulu jika ingin pindah RT.
error-already-member-here = Anda sudah menjadi warga RT ini.
error-already-pending = Permintaan Anda masih menunggu persetujuan.
error-rt-not-found = RT tidak ditemukan.
error-rt-exists = RT { $number } sudah terdaftar di kelurahan ini. Tautan ketuanya bisa dibuat lagi dengan /tautanketua.
error-member-not-found = Warga tersebut tidak ditemukan atau sudah tidak aktif.
error-request-already-decided = Permintaan { $name } sudah diproses sebelumnya.
error-invite-invalid = Tautan undangan ini tidak dikenal. Minta tautan baru kepada ketua RT atau koordinator Anda.
error-invite-expired = Tautan ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda.
error-invite-used = Tautan ini sudah dipakai. Setiap tautan ketua RT/koordinator hanya berlaku satu kali.
error-ketua-must-hand-over = Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar.
error-already-ketua = Anda sudah menjadi ketua RT ini.
error-target-not-member = Orang tersebut bukan anggota aktif RT ini.
error-kelurahan-not-found = Kelurahan tidak ditemukan.
error-out-of-scope = RT ini di luar wilayah tugas Anda.
error-group-admin-only = Maaf, grup hanya bisa dihubungkan oleh ketua RT yang menjadi admin grup ini. Minta pemilik grup menjadikan Anda admin, lalu kirim /hubungkan lagi.
error-group-linked-elsewhere = Grup ini sudah terhubung dengan RT { $rt } Kelurahan { $kelurahan }, dan satu grup hanya untuk satu RT. Jika grup ini memang pindah ke RT Anda, minta ketua RT { $rt } (atau koordinatornya) mengirim /lepasgrup di grup ini, lalu kirim /hubungkan lagi.
error-group-not-linked = Grup ini belum terhubung dengan RT mana pun.
error-role-ketua_rt = Maaf, perintah ini hanya untuk ketua RT.
error-role-admin-koordinator = Maaf, perintah ini hanya untuk koordinator dan admin kota.
error-role-admin = Maaf, perintah ini hanya untuk admin kota.
error-role-admin-ketua_rt-koordinator = Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.

## Lain-lain
fallback-message = Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.
fallback-unknown-command = Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah.
fallback-stale-button = Tombol ini sudah tidak berlaku.
# Sekali per jendela waktu, untuk orang yang mengirim terlalu banyak pesan sekaligus.
flood-notice = Pelan-pelan ya 🙏 Pesan Anda terlalu banyak dalam waktu singkat. Tunggu { $seconds } detik, lalu kirim lagi; pesan yang masuk sementara ini tidak diproses.

## Acara, jadwal, kehadiran
command-jadwal = Jadwal kegiatan RT dan konfirmasi hadir
command-hadir = Catat kehadiran dengan kode
command-jadwalronda = Jadwal ronda RT
command-giliranku = Giliran ronda saya (dan tukar giliran)
command-siapronda = Ikut/berhenti ronda, atur malam yang tidak bisa
command-pengingat = Atur kapan saya diingatkan tentang kegiatan
command-acara = Buat kegiatan (gotong royong, ronda, rapat)
command-ubahacara = Ubah atau batalkan kegiatan
command-ronda = Atur ronda (malam, jam, pos, jumlah orang)
command-buatjadwalronda = Buat jadwal giliran ronda
command-kodehadir = Tampilkan kode hadir kegiatan
command-absen = Daftar hadir kegiatan (centang warga)
error-role-ketua_rt-petugas = Maaf, perintah ini hanya untuk ketua RT dan petugas RT.
error-event-not-found = Kegiatan tidak ditemukan.
error-event-cancelled = Kegiatan ini sudah dibatalkan.
error-event-in-past = Waktu itu sudah lewat. Pilih waktu yang akan datang.
error-event-time-taken = Kegiatan ini sudah punya jadwal pada waktu itu (termasuk yang dibatalkan). Pilih waktu lain, lalu kirim /ubahacara lagi.
error-checkin-code-invalid = Kode hadir tidak dikenal. Periksa lagi kode dari ketua RT atau petugas.
error-checkin-not-open = Kehadiran belum dibuka. Kode bisa dipakai mulai 30 menit sebelum kegiatan.
error-checkin-closed = Waktu mencatat kehadiran untuk kegiatan ini sudah lewat.
error-checkin-wrong-rt = Kode ini untuk kegiatan RT lain.
error-ronda-not-set-up = Ronda belum diatur. Atur dulu dengan /ronda.
error-ronda-no-volunteers = Belum ada warga yang ikut ronda. Minta warga mengirim /siapronda.
error-shift-not-found = Giliran ronda itu tidak ditemukan atau sudah lewat.
error-swap-not-open = Permintaan tukar giliran ini sudah tidak berlaku: malam ronda itu sudah beres (sudah ada yang bertugas, atau malamnya sudah lewat). Terima kasih!
error-swap-own = Ini permintaan tukar giliran Anda sendiri.
error-swap-already-on-shift = Anda sudah bertugas di malam itu.
input-datetime-empty = Tulis tanggal dan jamnya, misalnya "Minggu 07.00" atau "7/12 19.30".
input-datetime-unrecognised = Maaf, tanggal atau jam itu tidak saya kenali. Contoh: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".
input-datetime-ambiguous-hour = Jam berapa tepatnya, pagi atau malam? Tulis misalnya "jam 7 pagi" atau "19.00".
input-datetime-invalid-date = Tanggal itu tidak ada di kalender. Contoh: "7/12" untuk 7 Desember.
input-datetime-invalid-time = Jam itu tidak ada. Tulis antara 00.00 dan 23.59, misalnya "07.00".
input-datetime-past = Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "Minggu 07.00".
input-datetime-too-far = Itu lebih dari setahun lagi. Tulis tanggal dalam setahun ke depan.
input-datetime-too-long = Terlalu panjang. Tulis singkat saja, misalnya "Minggu 07.00".
input-datetime-same-time = Jam mulai dan selesai tidak boleh sama. Contoh: "22.00-04.00".
input-time-unrecognised = Tulis jamnya saja, misalnya "07.00" atau "jam 7 malam".
input-timerange-unrecognised = Tulis jam mulai dan jam selesai, misalnya "22.00-04.00" atau "jam 10 malam sampai 4 pagi".
event-choose-kind = Kegiatan apa?
event-kind-gotong_royong = Gotong royong / kerja bakti
event-kind-ronda = Ronda
event-kind-rapat = Rapat warga
event-kind-lainnya = Kegiatan lain
event-ask-when = Kapan? Tulis seperti biasa, misalnya "Minggu 07.00", "besok jam 7 pagi", atau "7/12 19.30". Semua waktu dalam WIB.
event-ask-new-when = Waktu yang baru kapan? Misalnya "Minggu 07.00".
event-ask-place = Di mana tempatnya? Misalnya "Pos kamling" atau "Masjid Al-Ikhlas".
event-place-pos = Pos kamling
event-ask-notes = Ada catatan untuk warga? Misalnya "bawa cangkul dan karung". Tekan Lewati jika tidak ada.
button-skip = Lewati
button-save = 💾 Simpan
button-done = Selesai
event-choose-repeat = Diulang?
repeat-none = Sekali saja
repeat-weekly = Setiap minggu, hari { $weekday }
repeat-biweekly = Dua minggu sekali, hari { $weekday }
repeat-monthly-date = Setiap bulan, tanggal { $day }
repeat-monthly-weekday = Setiap bulan, { $weekday } { $nth }
weekday-0 = Minggu
weekday-1 = Senin
weekday-2 = Selasa
weekday-3 = Rabu
weekday-4 = Kamis
weekday-5 = Jumat
weekday-6 = Sabtu
nth-1 = pertama
nth-2 = kedua
nth-3 = ketiga
nth-4 = keempat
nth-last = terakhir
event-summary =
    Periksa kembali:
    • { $kind }
    • { $when }
    • Tempat: { $place }
    • Catatan: { $notes }
    • { $repeat }
event-created = { $kind } pada { $when } sudah dijadwalkan{ $count ->
        [1] .
       *[other] {" "}({ $count } tanggal ke depan).
    } { $told ->
        [0] Belum ada warga lain yang bisa diberi tahu.
       *[other] Pemberitahuan dikirim ke { $told } warga.
    }
event-none-to-edit = Belum ada kegiatan yang akan datang.
event-choose-occurrence = Pilih kegiatan:
event-choose-change = Apa yang diubah?
button-event-move = 🕒 Ubah waktu
button-event-place = 📍 Ubah tempat
button-event-cancel-one = ❌ Batalkan tanggal ini
button-event-cancel-series = 🛑 Batalkan ini dan seterusnya
event-changed = Tersimpan: { $when }, di { $place }. { $told ->
        [0] Belum ada warga lain yang bisa diberi tahu.
       *[other] Pemberitahuan dikirim ke { $told } warga.
    }
event-changed-notice = Perubahan jadwal: { $kind } yang semula { $before } pindah ke { $when }, di { $place }.
event-cancelled = Dibatalkan. { $told ->
        [0] Belum ada warga lain yang bisa diberi tahu.
       *[other] Pemberitahuan dikirim ke { $told } warga.
    }
event-series-cancelled = Kegiatan ini dan semua tanggal berikutnya dibatalkan. { $told ->
        [0] Belum ada warga lain yang bisa diberi tahu.
       *[other] Pemberitahuan dikirim ke { $told } warga.
    }
event-cancelled-notice = Dibatalkan: { $kind } pada { $when }.
event-series-cancelled-notice = Dibatalkan: { $kind } pada { $when } dan tanggal-tanggal berikutnya.
schedule-title = Kegiatan RT dalam 2 minggu ke depan ({ $count }):
schedule-empty = Belum ada kegiatan terjadwal dalam 2 minggu ke depan.
schedule-item =
    📅 { $kind }
    🕒 { $when }
    📍 { $place }
schedule-item-notes = 📝 { $notes }
schedule-item-repeat = 🔁 { $repeat }
schedule-item-counts = Akan hadir { $hadir } · Tidak bisa { $tidak } · Mungkin { $mungkin }
schedule-item-mine = Jawaban Anda: { $answer }
rsvp-hadir = Akan hadir
rsvp-tidak = Tidak bisa
rsvp-mungkin = Mungkin
button-rsvp-hadir = ✅ Akan hadir
button-rsvp-tidak = ❌ Tidak bisa
button-rsvp-mungkin = 🤔 Mungkin
button-rsvp-names = 👥 Lihat nama
rsvp-saved = Tersimpan: { $answer }
rsvp-names =
    { $kind }, { $when }
    ✅ Akan hadir: { $hadir }
    ❌ Tidak bisa: { $tidak }
    🤔 Mungkin: { $mungkin }
attendance-none = Tidak ada kegiatan yang sedang berlangsung atau baru selesai.
checkin-choose = Kode hadir untuk kegiatan mana?
attendance-choose = Daftar hadir untuk kegiatan mana?
checkin-code =
    Kode hadir { $kind }: { $code }
    Warga cukup mengirim kode ini ke bot. Berlaku sampai pukul { $until } WIB.
attendance-checklist = Daftar hadir { $kind }, { $when }: { $present } dari { $members } warga hadir. Ketuk nama untuk mencentang.
checkin-done = Terima kasih! Kehadiran Anda di { $kind } sudah tercatat.
checkin-already = Kehadiran Anda di { $kind } sudah tercatat sebelumnya.
checkin-usage = Kirim kode hadir dari ketua RT, misalnya: /hadir ABC234

command-aturpengingat = Atur jam pengingat kegiatan RT
reminder-setting-off = mati
button-keep = Tetap { $value }
button-turn-off = Matikan
reminder-settings-current =
    Pengingat RT sekarang:
    • malam sebelumnya pukul { $evening }
    • { $hours } jam sebelum kegiatan (0 = mati)
    • tugas ronda pukul { $duty } di hari giliran
reminder-ask-evening = Pengingat malam sebelumnya jam berapa? Misalnya "19.00", atau "mati".
reminder-ask-hours = Berapa jam sebelum kegiatan? Tulis 0 sampai { $max } (0 = mati).
reminder-ask-duty = Pengingat tugas ronda jam berapa di hari giliran? Misalnya "17.00", atau "mati".
reminder-settings-saved =
    Tersimpan. Pengingat RT:
    • malam sebelumnya pukul { $evening }
    • { $hours } jam sebelum kegiatan (0 = mati)
    • tugas ronda pukul { $duty } di hari giliran

## Ronda
ronda-choose-nights = Malam apa saja ada ronda? Ketuk untuk memilih, lalu tekan Selesai.
ronda-nights-needed = Pilih paling sedikit satu malam.
ronda-ask-hours = Jam berapa sampai jam berapa? Misalnya "22.00-04.00".
ronda-ask-post = Di pos mana?
ronda-ask-per-shift = Berapa orang setiap malam? Tulis angkanya, misalnya 3.
ronda-saved =
    Ronda tersimpan:
    • Malam: { $nights }
    • Jam: { $start }–{ $end } WIB
    • Pos: { $post }
    • { $perShift } orang per malam
    Minta warga mengirim /siapronda, lalu buat giliran dengan /buatjadwalronda.
ronda-volunteer-on = Anda ikut ronda. Ketuk malam yang tidak bisa (🚫) agar tidak dijadwalkan di malam itu.
ronda-volunteer-off = Anda belum ikut ronda. Tekan tombol di bawah untuk ikut.
button-ronda-join = 🙋 Ikut ronda
button-ronda-leave = Berhenti ikut ronda
rota-choose-weeks = Buat giliran ronda untuk berapa minggu?
button-rota-weeks = { $weeks } minggu
rota-generated = Giliran ronda dibuat: { $count } malam.
rota-title = Giliran ronda RT { $rt } Kelurahan { $kelurahan } ({ $weeks } minggu):
rota-line = • { $day } pukul { $start }–{ $end } WIB: { $people }
rota-shortfalls = ⚠️ { $count } malam kekurangan orang. Ajak lebih banyak warga ikut ronda (/siapronda).
rota-posted-to-group = Giliran ronda juga dikirim ke grup RT.
rota-mine-title = Giliran ronda Anda:
rota-mine-empty = Anda belum punya giliran ronda.
rota-empty = Belum ada giliran ronda.
rota-upcoming-title = Giliran ronda RT { $rt } Kelurahan { $kelurahan }:
button-swap-ask = 🔁 Minta tukar: { $when }
swap-offer = { $name } minta tukar giliran ronda { $when }. Bisa menggantikan?
button-swap-take = 🙋 Saya gantikan
swap-asked = Permintaan tukar dikirim ke { $count } warga yang bisa malam itu.
swap-no-candidates = Tidak ada warga lain yang bisa malam itu. Hubungi ketua RT.
swap-taken = Terima kasih! Anda bertugas ronda { $when }.
swap-taken-requester = { $name } menggantikan giliran ronda Anda { $when }.
swap-taken-ketua = Tukar giliran ronda: { $name } menggantikan { $from } pada { $when }.

## Pengumuman (/umumkan), senyap, grup RT
command-senyap = Matikan/nyalakan pengumuman
command-hubungkan = Hubungkan grup Telegram RT (kirim di grup)
command-lepasgrup = Lepaskan grup Telegram dari RT-nya (kirim di grup)
command-umumkan = Kirim pengumuman
error-role-warga = Maaf, perintah ini hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.
announce-choose-audience = Pengumuman ini untuk siapa?
announce-audience-rt-members = Warga RT saya
announce-audience-area-ketua = Ketua RT di wilayah saya
announce-audience-area-residents = Semua warga di wilayah saya
announce-audience-area-ketua-city = Semua ketua RT se-kota
announce-audience-area-residents-city = Semua warga se-kota
announce-choose-channel = Kirim ke mana?
button-channel-private = Chat pribadi warga
button-channel-group = Grup Telegram RT
button-channel-both = Keduanya
announce-ask-pin = Sematkan pengumuman di grup RT?
button-pin-yes = Ya, sematkan
button-pin-no = Tidak
announce-ask-text = Tulis pengumumannya (paling banyak { $max } karakter), atau kirim satu foto poster dengan keterangan (paling banyak { $captionMax } karakter) atau tanpa keterangan. Huruf tebal, miring, dan tautan akan tetap seperti yang Anda tulis.
announce-text-only = Pengumuman harus berupa teks atau satu foto poster. Tulis pengumumannya, kirim fotonya, atau kirim /batal.
announce-preview-title = Pratinjau pengumuman:
announce-summary-private = • ke { $count } orang lewat chat pribadi ({ $muted } orang menyenyapkan pengumuman dan dilewati)
announce-summary-group = • ke grup RT { $rt } Kelurahan { $kelurahan }
announce-summary-group-pinned = • ke grup RT { $rt } Kelurahan { $kelurahan }, lalu disematkan
announce-confirm = Kirim pengumuman ini?
button-broadcast-send = 📣 Kirim sekarang
button-broadcast-stop = ⏹ Hentikan
broadcast-progress = Terkirim { $sent }/{ $total } · gagal { $failed } · diblokir { $blocked }
broadcast-progress-done = Selesai: terkirim { $sent }/{ $total } · gagal { $failed } · diblokir { $blocked }
broadcast-progress-stopped = Dihentikan: terkirim { $sent }/{ $total } · gagal { $failed } · diblokir { $blocked }
broadcast-report =
    Laporan pengumuman:
    • terkirim: { $sent } dari { $total }
    • gagal: { $failed }
    • diblokir (pengguna memblokir bot): { $blocked }
    • dilewati karena senyap: { $muted }
broadcast-report-stopped =
    Pengumuman dihentikan.
    • terkirim: { $sent } dari { $total }
    • gagal: { $failed }
    • diblokir: { $blocked }
    • dibatalkan (belum terkirim): { $cancelled }
    • dilewati karena senyap: { $muted }
broadcast-stopped = Pengumuman dihentikan.
broadcast-already-finished = Pengumuman ini sudah selesai.
mute-on = Pengumuman dimatikan. Pengingat tugas Anda (misalnya jadwal ronda) tetap dikirim. Kirim /senyap lagi untuk menyalakannya.
mute-off = Pengumuman dinyalakan lagi.
group-linked = Grup ini sekarang terhubung dengan RT { $rt } Kelurahan { $kelurahan }. Pengumuman ketua RT bisa dikirim ke sini.
group-unlinked = Grup ini tidak lagi terhubung dengan RT { $rt } Kelurahan { $kelurahan }. Pengumuman dan giliran ronda RT itu tidak dikirim ke sini lagi.
group-added = Terima kasih sudah menambahkan bot Kampung BANTAR! Ketua RT yang menjadi admin grup ini: kirim /hubungkan di grup ini untuk menghubungkannya dengan RT Anda.

## Pengingat
reminder-kind-gotong-royong = gotong royong
reminder-kind-ronda = ronda
reminder-kind-rapat = rapat warga
reminder-kind-lainnya = kegiatan RT
reminder-evening = 🔔 Pengingat: { $kind } { $day } pukul { $time } WIB di { $place }. Sampai jumpa di sana!
reminder-before = ⏰ Sebentar lagi: { $kind } mulai pukul { $time } WIB ({ $day }) di { $place }.
reminder-duty = 🔦 Jadwal ronda Anda: { $day }, pukul { $time }–{ $end } WIB di { $place }. Setelah tiba di pos, tekan "Saya sudah hadir ronda" di bawah untuk absen hadir. Terima kasih sudah ikut menjaga lingkungan!
reminder-late-warning = ⚠️ Antrean pesan sedang penuh: { $late } dari { $total } pengingat { $kind } { $day } pukul { $time } WIB akan terlambat, paling lama { $minutes } menit. Bila perlu, ingatkan warga lewat grup RT.

## pojok baca
command-pinjamanku = Buku pojok baca yang sedang saya pinjam
command-baca = Catat bacaan saya (menunggu konfirmasi petugas)
command-sesibaca = Catat sesi pojok baca
command-buku = Katalog buku pojok baca
command-pinjam = Pinjamkan buku ke warga
command-kembali = Catat buku yang dikembalikan
command-konfirmasibaca = Konfirmasi laporan bacaan warga
error-book-not-found = Buku itu tidak ada di katalog (mungkin sudah dihapus).
error-book-exists = Buku “{ $title }” sudah ada di katalog ({ $copies } eksemplar). Ubah jumlahnya lewat /buku.
error-book-no-copy-free = Semua eksemplar “{ $title }” sedang dipinjam. Tunggu sampai ada yang dikembalikan.
error-book-copies-below-lent = Tidak bisa: { $lent } eksemplar sedang dipinjam.
error-book-has-open-loans = Buku ini belum bisa dihapus: { $count } eksemplar masih dipinjam. Catat pengembaliannya dulu dengan /kembali.
error-book-already-borrowed = { $name } sedang meminjam “{ $title }” dan belum mengembalikannya.
error-loan-not-found = Catatan peminjaman itu tidak ditemukan.
error-borrower-not-member = Buku hanya bisa dipinjamkan kepada warga aktif RT ini.
error-reading-attendee-not-member = Ada warga yang dipilih sudah bukan anggota aktif RT ini. Sesi belum disimpan; kirim /sesibaca lagi.
error-reading-attendees-exceed-count = Anda memilih { $registered } warga, padahal yang hadir { $count } orang. Kurangi pilihan, atau /batal lalu ulangi dengan jumlah yang benar.
error-reading-session-in-future = Sesi hanya bisa dicatat setelah berlangsung.
error-reading-log-not-found = Laporan bacaan itu tidak ditemukan.
error-reading-log-own = Laporan bacaan Anda sendiri dikonfirmasi oleh petugas lain atau ketua RT.
input-book-title-characters = Awali dengan huruf atau angka, lalu gunakan huruf, angka, spasi, dan tanda baca biasa saja (tanpa emoji). Contoh: Laskar Pelangi.
input-reading-minutes-unrecognised = Tulis lamanya membaca, misalnya "30", "45 menit", atau "1,5 jam".
input-reading-minutes-out-of-range = Lama membaca harus antara { $min } dan { $max } menit.
input-reading-date-unrecognised = Tanggal itu tidak saya kenali. Tekan tombol, atau tulis misalnya "kemarin", "Sabtu", atau "21/11".
input-reading-date-future = Tanggal itu belum tiba. Sesi dicatat setelah berlangsung.
input-reading-date-too-old = Itu sudah lebih dari { $days } hari yang lalu. Catat sesi yang lebih baru.
input-reading-time-future = Jam itu belum tiba. Tulis jam sesi dimulai, misalnya "15.30".
button-today = Hari ini
button-yesterday = Kemarin
button-reading-confirm = ✅ Konfirmasi
button-reading-reject = ❌ Tolak
button-loan-days = { $days } hari (kembali { $day })
button-minutes = { $minutes } menit
button-send-report = 📨 Kirim
button-book-add = ➕ Tambah buku
button-book-fewer = ➖ Kurangi 1 eksemplar
button-book-more = ➕ Tambah 1 eksemplar
button-book-retire = 🗑 Hapus dari katalog
button-book-retire-yes = Ya, hapus
button-loan-return = ↩️ { $title } — { $name }
reading-activity-membaca_bersama = Membaca bersama
reading-activity-mendongeng = Mendongeng
reading-activity-belajar_kelompok = Belajar kelompok
reading-activity-tpa_mengaji = TPA / mengaji
reading-activity-lainnya = Lainnya
reading-session-ask-date = Kapan sesinya? Tekan tombol, atau tulis tanggalnya, misalnya "kemarin", "Sabtu", atau "21/11".
reading-session-ask-time = Jam berapa mulainya? Misalnya "15.30" atau "jam 4 sore".
reading-session-ask-activity = Kegiatan apa?
reading-session-ask-note = Kegiatan apa tepatnya? Misalnya "Lomba mewarnai".
reading-session-ask-count = Berapa orang yang hadir (termasuk anak-anak yang belum terdaftar)? Tulis angkanya, misalnya 12.
reading-session-ask-attendees = Siapa saja warga terdaftar yang hadir? Ketuk nama untuk mencentang, lalu tekan Selesai (boleh tanpa memilih). Dipilih: { $chosen } dari { $count } orang yang hadir.
reading-session-summary =
    Periksa kembali:
    • Kegiatan: { $activity }
    • Waktu: { $when }
    • Jumlah hadir: { $count } orang
    • Warga terdaftar: { $names }
reading-session-saved = Sesi { $activity } pada { $when } tercatat: { $count } orang hadir, { $registered } warga terdaftar dicatat keikutsertaannya. Terima kasih!
book-ask-title = Apa judul bukunya?
book-ask-author = Siapa penulisnya? Tekan Lewati jika tidak tahu.
book-ask-copies = Ada berapa eksemplar? Tulis angkanya, misalnya 2.
book-summary =
    Periksa kembali:
    • Judul: { $title }
    • Penulis: { $author }
    • Eksemplar: { $copies }
book-added = “{ $title }” ({ $copies } eksemplar) sudah masuk katalog. Lihat semua buku dengan /buku.
book-catalogue-empty = Katalog pojok baca RT { $rt } masih kosong. Tambahkan buku pertama dengan tombol di bawah.
book-catalogue-title = 📚 Katalog pojok baca RT { $rt } ({ $count } judul). Ketuk judul untuk mengubah jumlah eksemplar atau menghapusnya.
book-line = { $n }. { $title } — { $author } · tersedia { $available } dari { $copies }
book-card =
    📖 { $title }
    Penulis: { $author }
    Eksemplar: { $copies } (dipinjam { $lent }, tersedia { $available })
book-copies-set = “{ $title }” sekarang { $copies } eksemplar.
book-retire-confirm = Hapus “{ $title }” dari katalog? Riwayat peminjamannya tetap tersimpan.
book-retired = “{ $title }” sudah dihapus dari katalog.
book-retired-already = “{ $title }” sudah tidak ada di katalog.
loan-catalogue-empty = Katalog pojok baca masih kosong. Tambahkan buku dulu dengan /buku.
loan-all-lent = Semua buku sedang dipinjam. Catat pengembalian dengan /kembali.
loan-choose-book = Buku mana yang dipinjam?
loan-book-label = { $title } ({ $available }/{ $copies })
loan-choose-borrower = Siapa yang meminjam “{ $title }”?
loan-confirm = { $name } meminjam “{ $title }”. Berapa lama?
loan-done = Tercatat: { $name } meminjam “{ $title }”, kembali paling lambat { $day }. Kami akan mengingatkannya sehari sebelumnya.
loan-notice = 📚 Anda meminjam “{ $title }” dari pojok baca RT. Mohon dikembalikan paling lambat { $day }. Selamat membaca!
loan-none-open = Tidak ada buku yang sedang dipinjam.
loan-open-title = Buku yang sedang dipinjam ({ $count }). Tekan tombolnya saat buku dikembalikan.
loan-line = • { $title } — { $name }, kembali { $day }
loan-line-overdue = • { $title } — { $name }, kembali { $day } ⚠️ terlambat { $days } hari
loan-returned = Tercatat kembali: “{ $title }” dari { $name }.
loan-returned-already = “{ $title }” dari { $name } sudah tercatat kembali sebelumnya.
loan-returned-notice = Terima kasih! “{ $title }” sudah tercatat kembali di pojok baca RT.
loan-mine-empty = Anda sedang tidak meminjam buku dari pojok baca.
loan-mine-title = Buku yang Anda pinjam ({ $count }):
loan-mine-line = • { $title } — kembali paling lambat { $day }
loan-mine-line-overdue = • { $title } — seharusnya kembali { $day } ⚠️ terlambat { $days } hari
loan-reminder-due = 📚 Pengingat pojok baca: “{ $title }” perlu dikembalikan besok, { $day }. Sudah selesai dibaca? Terima kasih!
loan-reminder-overdue = 📚 “{ $title }” dari pojok baca RT sudah lewat { $days } hari dari batas pengembaliannya ({ $day }). Mohon segera dikembalikan ke petugas agar warga lain bisa ikut membaca. Terima kasih!
reading-log-ask-title = Buku apa yang Anda baca? Tulis judulnya.
reading-log-ask-minutes = Berapa lama Anda membaca? Misalnya "30", "45 menit", atau "1,5 jam".
reading-log-summary =
    Periksa kembali:
    • Buku: { $title }
    • Lama membaca: { $minutes } menit
    Laporan ini dihitung setelah dikonfirmasi petugas pojok baca.
reading-log-sent = Terima kasih! Bacaan Anda (“{ $title }”, { $minutes } menit) sudah dikirim ke petugas pojok baca dan akan dihitung setelah dikonfirmasi.
reading-log-sent-no-keeper = Bacaan Anda (“{ $title }”, { $minutes } menit) tersimpan, tetapi RT Anda belum punya petugas yang bisa mengonfirmasi. Laporan akan dihitung setelah dikonfirmasi.
reading-log-request = 📖 Laporan bacaan dari { $name }: “{ $title }”, { $minutes } menit ({ $when }). Benar?
reading-log-decided-confirmed = ✅ Dikonfirmasi oleh { $by }.
reading-log-decided-rejected = ❌ Ditolak oleh { $by }.
reading-log-none-pending = Tidak ada laporan bacaan yang menunggu konfirmasi.
reading-log-pending-title = Laporan bacaan yang menunggu konfirmasi: { $count }.
reading-log-more = Masih ada { $count } laporan lagi. Kirim /konfirmasibaca lagi setelah yang di atas selesai.
reading-log-already-confirmed = Laporan ini sudah dikonfirmasi sebelumnya oleh { $by }. Tidak ada yang diubah.
reading-log-already-rejected = Laporan ini sudah ditolak sebelumnya oleh { $by }. Tidak ada yang diubah.
reading-log-confirmed = Dikonfirmasi: bacaan { $name } dihitung.
reading-log-rejected = Ditolak: bacaan { $name } tidak dihitung.
reading-log-confirmed-notice = ✅ Bacaan Anda “{ $title }” ({ $minutes } menit) sudah dikonfirmasi petugas pojok baca. Terus membaca, ya!
reading-log-rejected-notice = Laporan bacaan Anda “{ $title }” ({ $minutes } menit) tidak dikonfirmasi petugas pojok baca. Jika ada yang keliru, tanyakan langsung kepada petugas.

## bank sampah export
command-eksporbank = Ekspor laporan bulanan bank sampah (Excel dan CSV)
error-role-admin-ketua_rt-koordinator-petugas_bank = Maaf, perintah ini hanya untuk petugas bank sampah, ketua RT, koordinator, dan admin kota.
bank-export-no-bank = Belum ada bank sampah yang laporannya bisa Anda ekspor. Laporan bisa diekspor oleh petugas bank sampah, ketua RT yang dilayani bank sampah, dan koordinator wilayahnya.
bank-export-choose-bank = Pilih bank sampah yang laporannya ingin diekspor:
bank-export-choose-month = Laporan { $bank } (Kelurahan { $kelurahan }). Pilih bulan:
bank-export-this-month = Bulan ini ({ $period })
bank-export-last-month = Bulan lalu ({ $period })
bank-export-month-invalid = Tombol ini tidak berlaku lagi. Kirim /eksporbank untuk memilih bank dan bulan lagi.
bank-export-preparing = Menyiapkan laporan…
bank-export-chosen = Laporan { $bank } bulan { $period } sedang dikirim.
bank-export-caption =
    📊 { $bank } — { $period }
    Setoran: { $depositCount } transaksi, { $deposits }
    Penarikan: { $withdrawalCount } transaksi, { $withdrawals }
    Koreksi: { $reversalCount } entri, { $reversals }
    Perubahan saldo bersih: { $net }
    Saldo seluruh nasabah akhir bulan: { $closing }
bank-export-caption-empty =
    📊 { $bank } — { $period }
    Tidak ada transaksi pada bulan ini. Berkas tetap dikirim (berisi judul kolom) untuk papan transparansi.
    Saldo seluruh nasabah akhir bulan: { $closing }
bank-export-caption-transactions = CSV: semua transaksi { $period }
bank-export-caption-types = CSV: total per jenis sampah { $period }
bank-export-file-xlsx = bank-sampah-{ $bank }-{ $period }
bank-export-file-transactions = bank-sampah-{ $bank }-{ $period }-transaksi
bank-export-file-types = bank-sampah-{ $bank }-{ $period }-per-jenis
bank-export-sheet-summary = Ringkasan
bank-export-sheet-deposits = Setoran
bank-export-sheet-withdrawals = Penarikan
bank-export-sheet-reversals = Koreksi
bank-export-sheet-types = Per jenis
bank-export-kind-deposit = Setoran
bank-export-kind-withdrawal = Penarikan
bank-export-kind-reversal = Koreksi
bank-export-unit-kg = kg
bank-export-unit-liter = liter
bank-export-anonymous = Warga (data dihapus)
bank-export-total = Jumlah
bank-export-col-item = Keterangan
bank-export-col-figure = Nilai
bank-export-col-kind = Jenis transaksi
bank-export-col-time = Waktu (WIB)
bank-export-col-date = Tanggal (WIB)
bank-export-col-clock = Jam (WIB)
bank-export-col-entry = No. entri
bank-export-col-resident = Nasabah
bank-export-col-member-code = Kode anggota
bank-export-col-rt = RT
bank-export-col-waste-type = Jenis sampah
bank-export-col-quantity-base = Berat/volume (gram/ml)
bank-export-col-unit = Satuan harga
bank-export-col-quantity = Berat/volume (kg/liter)
bank-export-col-price = Harga per satuan (Rp)
bank-export-col-value = Nilai (Rp)
bank-export-col-amount = Jumlah (Rp)
bank-export-col-reverses = Membatalkan entri
bank-export-col-reverses-kind = Jenis entri yang dibatalkan
bank-export-col-reverses-time = Waktu entri yang dibatalkan (WIB)
bank-export-col-reversed-by = Dibatalkan oleh entri
bank-export-col-reason = Alasan
bank-export-col-officer = Petugas
bank-export-col-deposited-quantity-base = Disetor (gram/ml)
bank-export-col-reversed-quantity-base = Dibatalkan (gram/ml)
bank-export-col-net-quantity-base = Bersih (gram/ml)
bank-export-col-net-quantity = Bersih (kg/liter)
bank-export-col-deposited-value = Nilai disetor (Rp)
bank-export-col-reversed-value = Nilai dibatalkan (Rp)
bank-export-col-net-value = Nilai bersih (Rp)
bank-export-summary-bank = Bank sampah
bank-export-summary-kelurahan = Kelurahan
bank-export-summary-kecamatan = Kecamatan
bank-export-summary-rts = RT yang dilayani
bank-export-summary-period = Periode
bank-export-summary-generated = Dibuat pada (WIB)
bank-export-summary-opening = Saldo seluruh nasabah awal bulan (Rp)
bank-export-summary-deposit-count = Jumlah transaksi setoran
bank-export-summary-deposits = Nilai setoran (Rp)
bank-export-summary-withdrawal-count = Jumlah transaksi penarikan
bank-export-summary-withdrawals = Nilai penarikan (Rp)
bank-export-summary-reversal-count = Jumlah koreksi
bank-export-summary-reversals = Nilai koreksi (Rp)
bank-export-summary-net = Perubahan saldo bersih (Rp)
bank-export-summary-closing = Saldo seluruh nasabah akhir bulan (Rp)
bank-export-summary-note = Catatan
bank-export-summary-note-text = Koreksi dihitung pada bulan koreksi itu dicatat. Setoran yang dibatalkan tidak dihitung dalam nilai bersih per jenis sampah. Berat dalam gram, minyak jelantah dalam mililiter.

## skor
indicator-b1 = Perumahan dan sarana permukiman yang sehat dan tertata
indicator-b2 = Sarana dan prasarana lingkungan yang memadai
indicator-b3 = Partisipasi dan kesadaran masyarakat dalam menjaga kebersihan lingkungan
indicator-b4 = Ruang terbuka hijau dan lingkungan yang bebas polusi
indicator-b5 = Pemanfaatan lahan tidur untuk kebutuhan rumah tangga dan masyarakat (antara lain tanaman obat keluarga/TOGA)
indicator-b6 = Sanitasi lingkungan yang sehat
indicator-b7 = Semangat gotong royong dan kesetiakawanan sosial
indicator-a1 = Bebas narkotika, psikotropika dan zat adiktif (NAPZA) serta minuman keras (MIRAS)
indicator-a2 = Bebas tindak kriminalitas
indicator-a3 = Bebas prostitusi dan tindak asusila
indicator-a4 = Bebas kekerasan dalam rumah tangga, perceraian, diskriminasi dan eksploitasi anak
indicator-a5 = Musyawarah untuk mufakat dalam urusan kemasyarakatan
indicator-a6 = Kesadaran politik dan hukum masyarakat yang tinggi
indicator-a7 = Menjunjung tinggi adat istiadat, budaya bangsa dan norma hukum
indicator-p1 = Adanya lembaga pemberdayaan ekonomi masyarakat
indicator-p2 = Adanya lembaga dan kelompok pendidikan untuk meningkatkan sumber daya manusia (pojok baca, TPA, kelompok belajar)
indicator-p3 = Adanya organisasi sosial, kemasyarakatan, kepemudaan dan keagamaan
indicator-p4 = Bebas buta aksara dan putus sekolah
indicator-p5 = Bebas pengangguran
indicator-p6 = Bebas kematian ibu melahirkan dan balita
indicator-p7 = Kemampuan mengembangkan potensi sumber daya manusia setempat bagi kesejahteraan sosial dan ekonomi
## The rubric: what 2, 1 and 0 mean for each indicator (assessors, self-assessment, bulk entry)
rubric-b1-2 = Rumah dan pekarangan umumnya bersih dan tertata, jalan lingkungan rapi, tidak ada rumah yang kumuh
rubric-b1-1 = Sebagian rumah tertata, masih ada beberapa titik kumuh atau tidak teratur
rubric-b1-0 = Banyak rumah dan pekarangan kumuh, tidak tertata
rubric-b2-2 = Jalan, drainase, penerangan dan fasilitas umum lengkap dan terawat
rubric-b2-1 = Sarana ada tetapi sebagian rusak atau kurang terawat
rubric-b2-0 = Sarana dasar kurang atau banyak yang rusak
rubric-b3-2 = Sebagian besar KK ikut menjaga kebersihan (gotong royong, bank sampah, pilah sampah)
rubric-b3-1 = Sebagian KK ikut, kegiatan kebersihan belum rutin
rubric-b3-0 = Hanya sedikit warga yang peduli kebersihan
rubric-b4-2 = Ada ruang terbuka hijau yang terawat, udara dan air bebas polusi
rubric-b4-1 = Ada sedikit penghijauan, masih ada sumber polusi kecil
rubric-b4-0 = Tidak ada penghijauan, ada pencemaran yang jelas
rubric-b5-2 = Lahan tidur dimanfaatkan untuk TOGA, sayur atau kebun bersama dan dirawat rutin
rubric-b5-1 = Sebagian lahan dimanfaatkan, perawatan belum rutin
rubric-b5-0 = Lahan tidur dibiarkan terbengkalai
rubric-b6-2 = Semua rumah punya jamban sehat, saluran air lancar, tidak ada genangan
rubric-b6-1 = Sebagian besar rumah punya jamban sehat, ada saluran yang tersumbat
rubric-b6-0 = Banyak rumah tanpa jamban sehat, saluran tersumbat dan tergenang
rubric-b7-2 = Gotong royong rutin (sekurangnya 2 kali sebulan) dan ramai dihadiri
rubric-b7-1 = Gotong royong ada tetapi jarang atau sepi
rubric-b7-0 = Hampir tidak ada gotong royong
rubric-a1-2 = Tidak ada kasus NAPZA dan MIRAS, ada penyuluhan atau pengawasan warga
rubric-a1-1 = Ada kasus yang jarang dan sudah ditangani
rubric-a1-0 = Ada peredaran atau penyalahgunaan NAPZA atau MIRAS
rubric-a2-2 = Ronda berjalan hampir setiap malam, tidak ada kejadian kriminal
rubric-a2-1 = Ronda berjalan sebagian malam, ada kejadian kecil
rubric-a2-0 = Ronda tidak berjalan, kejadian kriminal sering
rubric-a3-2 = Tidak ada prostitusi atau tindak asusila
rubric-a3-1 = Ada kejadian yang jarang dan sudah ditangani
rubric-a3-0 = Ada praktik prostitusi atau asusila
rubric-a4-2 = Tidak ada KDRT, diskriminasi atau eksploitasi anak yang diketahui
rubric-a4-1 = Ada kasus yang jarang dan sudah ditangani atau didampingi
rubric-a4-0 = Ada kasus yang dibiarkan
rubric-a5-2 = Rapat warga rutin, banyak KK hadir, keputusan diambil bersama
rubric-a5-1 = Rapat ada tetapi jarang atau sedikit yang hadir
rubric-a5-0 = Keputusan diambil tanpa musyawarah
rubric-a6-2 = Warga aktif dalam pemilu dan kegiatan sadar hukum, administrasi kependudukan tertib
rubric-a6-1 = Sebagian warga aktif, administrasi belum tertib
rubric-a6-0 = Kesadaran politik dan hukum rendah
rubric-a7-2 = Adat, budaya dan kegiatan keagamaan dijalankan bersama secara rutin
rubric-a7-1 = Kegiatan adat dan keagamaan ada tetapi jarang
rubric-a7-0 = Adat dan norma tidak dijalankan
rubric-p1-2 = Ada lembaga ekonomi warga yang berjalan (koperasi, UMKM, bank sampah)
rubric-p1-1 = Ada lembaga tetapi belum aktif
rubric-p1-0 = Tidak ada lembaga ekonomi warga
rubric-p2-2 = Pojok baca, TPA atau kelompok belajar aktif setiap minggu
rubric-p2-1 = Ada tetapi kegiatannya jarang
rubric-p2-0 = Tidak ada lembaga atau kelompok pendidikan
rubric-p3-2 = Karang taruna, PKK, majelis taklim atau organisasi lain aktif dan rutin bertemu
rubric-p3-1 = Organisasi ada tetapi jarang berkegiatan
rubric-p3-0 = Tidak ada organisasi yang berjalan
rubric-p4-2 = Tidak ada warga buta aksara atau anak putus sekolah
rubric-p4-1 = Ada sedikit kasus dan sedang didampingi
rubric-p4-0 = Ada buta aksara atau putus sekolah yang dibiarkan
rubric-p5-2 = Hampir semua warga usia kerja bekerja atau berusaha
rubric-p5-1 = Ada pengangguran, sebagian sudah dibantu pelatihan atau usaha
rubric-p5-0 = Banyak pengangguran tanpa upaya bersama
rubric-p6-2 = Tidak ada kematian ibu melahirkan atau balita, posyandu aktif setiap bulan
rubric-p6-1 = Posyandu ada tetapi tidak rutin
rubric-p6-0 = Ada kematian ibu atau balita, posyandu tidak berjalan
rubric-p7-2 = Potensi warga dikembangkan (pelatihan, produk lokal) dan menambah kesejahteraan
rubric-p7-1 = Ada upaya pengembangan tetapi belum berdampak
rubric-p7-0 = Tidak ada upaya pengembangan potensi warga
dimension-bersih = Bersih
dimension-aman = Aman
dimension-pintar = Pintar
category-besar = Besar (100 KK atau lebih)
category-sedang = Sedang (50–99 KK)
category-kecil = Kecil (kurang dari 50 KK)
score-explain-b3 = { $code } = { $score }: { $percent }% KK ikut gotong royong atau bank sampah dalam { $days } hari terakhir, batas nilai { $next } adalah { $target }%
score-explain-b7 = { $code } = { $score }: gotong royong { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK hadir; nilai { $next } butuh { $times } kali dengan { $target }% KK hadir
score-explain-a2 = { $code } = { $score }: { $staffed } dari { $held } giliran ronda terisi ({ $percent }%), batas nilai { $next } adalah { $target }%
score-explain-a2-none = { $code } = 0: tidak ada giliran ronda yang terjadwal dalam { $days } hari terakhir
score-explain-a5 = { $code } = { $score }: rapat warga { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK hadir; nilai { $next } butuh { $times } kali dengan { $target }% KK hadir
score-explain-a5-polls = { $code } = { $score }: polling musyawarah { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK memilih (lebih baik daripada rapat warga); nilai { $next } butuh { $times } kali dengan { $target }% KK
score-explain-p2 = { $code } = { $score }: { $sessions } sesi pojok baca atau belajar bersama dalam { $days } hari terakhir, batas nilai { $next } adalah { $target } sesi
score-explain-p4 = { $code } = { $score }: { $readers } warga membaca atau meminjam buku dalam { $days } hari terakhir ({ $percent }% dari jumlah KK), batas nilai { $next } adalah { $target }%
score-explain-no-households = { $code } = 0: jumlah KK RT ini belum diisi, jadi persentasenya belum bisa dihitung
score-explain-manual = { $code } = { $score }: dinilai koordinator pada { $date }
score-explain-manual-note = { $code } = { $score }: dinilai koordinator pada { $date } ({ $note })
score-explain-missing = { $code } belum dinilai koordinator (sementara dihitung 0)
score-explain-manual-until-records = { $code } = { $score }: dinilai koordinator pada { $date }; berlaku sampai ada catatan kegiatannya dalam { $days } hari terakhir
score-suggestion-b1 = Tata rumah dan lingkungan: pagar dan jalan setapak rapi, nomor rumah terpasang, barang bekas tidak menumpuk.
score-suggestion-b2 = Periksa fasilitas bersama (drainase, lampu jalan, tempat sampah terpilah) dan usulkan perbaikannya dalam musyawarah RT.
score-suggestion-b3 = Ajak setiap KK ikut gotong royong atau menabung di bank sampah; targetnya { $percent }% KK dalam { $days } hari.
score-suggestion-b4 = Tanam pohon peneduh dan tanaman hias di ruang terbuka, dan sepakati bersama larangan membakar sampah.
score-suggestion-b5 = Manfaatkan lahan tidur untuk kebun TOGA atau kebun sayur bersama.
score-suggestion-b6 = Pastikan setiap rumah memiliki jamban sehat dan saluran limbah tertutup; kuras selokan secara rutin.
score-suggestion-b7 =
    Adakan gotong royong { $weeks ->
        [1] setiap minggu
        [4] sebulan sekali
       *[other] { $weeks } minggu sekali
    } dan ajak paling sedikit { $percent }% KK hadir.
score-suggestion-a1 = Undang Babinkamtibmas atau BNN untuk penyuluhan bahaya narkoba dan miras bagi remaja dan orang tua.
score-suggestion-a2 = Lengkapi jadwal ronda dan ingatkan yang bertugas untuk absen hadir ronda di pos kamling; targetnya { $percent }% giliran terisi.
score-suggestion-a3 = Terapkan wajib lapor tamu 1×24 jam kepada ketua RT.
score-suggestion-a4 = Adakan sosialisasi pencegahan KDRT dan perlindungan anak bersama PKK atau puskesmas.
score-suggestion-a5 =
    Adakan rapat warga { $weeks ->
        [1] setiap minggu
        [4] sebulan sekali
       *[other] { $weeks } minggu sekali
    } dan undang semua KK; targetnya { $percent }% KK hadir.
score-suggestion-a6 = Ajak warga mengikuti sosialisasi hukum dan kepemiluan dari kelurahan, dan libatkan mereka dalam musyawarah RT.
score-suggestion-a7 = Hidupkan kegiatan adat dan peringatan hari besar nasional bersama warga.
score-suggestion-p1 = Bentuk atau aktifkan kelompok usaha warga (koperasi, UP2K-PKK, UMKM) dan catat kegiatannya.
score-suggestion-p2 =
    Buka pojok baca, kelompok belajar atau TPA { $perweek ->
        [1] seminggu sekali
       *[other] { $perweek } kali seminggu
    } dan catat setiap sesinya lewat bot.
score-suggestion-p3 = Aktifkan karang taruna, majelis taklim atau kelompok PKK dengan kegiatan rutin.
score-suggestion-p4 = Ajak anak-anak dan warga meminjam buku di pojok baca dan melaporkan bacaannya lewat bot; targetnya pembaca sebanyak { $percent }% dari jumlah KK.
score-suggestion-p5 = Data warga yang belum bekerja dan hubungkan mereka dengan pelatihan kerja atau lowongan dari kelurahan.
score-suggestion-p6 = Aktifkan posyandu dan pastikan ibu hamil serta balita diperiksa secara rutin.
score-suggestion-p7 = Adakan pelatihan keterampilan (menjahit, olahan pangan, kerajinan) sesuai potensi warga.
error-indicator-unknown = Indikator { $code } tidak dikenal. Gunakan kode B1–B7, A1–A7 atau P1–P7.
error-indicator-automatic = Indikator { $code } dihitung otomatis dari catatan kegiatan warga, jadi tidak diisi manual.
error-indicator-score-invalid = Nilai indikator harus 0 (kurang), 1 (sedang) atau 2 (baik).
error-indicator-date-in-future = Tanggal penilaian tidak valid atau melewati hari ini.
error-indicator-note-too-long = Catatan penilaian terlalu panjang (paling banyak { $max } karakter).

## bank sampah
command-saldo = Saldo dan riwayat tabungan bank sampah
command-banksampah = Bank sampah: harga, laporan bulanan, dan pengelolaannya
command-setor = Catat setoran sampah warga
command-tarik = Catat penarikan tabungan warga
command-koreksi = Koreksi transaksi bank sampah yang keliru
command-harga = Jenis sampah dan harganya
error-role-petugas_bank = Maaf, perintah ini hanya untuk petugas bank sampah.
error-role-penilai = Maaf, perintah ini hanya untuk anggota tim penilai putaran yang sedang berjalan.
error-waste-bank-not-found = Bank sampah itu tidak ditemukan.
error-waste-bank-one-kelurahan = Satu bank sampah hanya boleh melayani RT dari satu kelurahan.
error-rt-has-waste-bank = RT ini sudah dilayani bank sampah. Kirim /banksampah untuk melihatnya.
error-resident-not-served = Warga ini bukan anggota aktif RT yang dilayani bank sampah ini.
error-waste-type-exists = Jenis sampah "{ $name }" sudah ada di bank sampah ini.
error-waste-type-not-found = Jenis sampah itu tidak ditemukan atau sudah dihentikan.
error-price-out-of-range = Harga harus antara Rp 0 dan Rp { $max }.
error-deposit-empty = Setoran ini belum berisi jenis sampah dan beratnya.
error-deposit-too-many-lines = Satu setoran paling banyak { $max } baris. Simpan dulu, lalu catat sisanya sebagai setoran baru.
error-deposit-line-invalid = Berat atau volume satu baris harus lebih dari 0 dan paling banyak { $max } kg atau liter.
error-deposit-prices-changed = Harga sampah berubah sebelum setoran ini tersimpan, jadi belum ada yang disimpan. Periksa total dengan harga terbaru, lalu simpan lagi.
error-balance-limit-exceeded = Setoran ini membuat saldo melebihi batas satu tabungan (Rp { $max }), jadi tidak disimpan. Mohon periksa lagi berat dan harganya.
error-withdrawal-amount-invalid = Jumlah penarikan harus lebih dari Rp 0 dan paling banyak Rp { $max }.
error-reversal-reason-required = Tulis alasan koreksinya dulu, agar catatan tetap jelas.
error-insufficient-balance = Saldo tidak cukup: saldo saat ini Rp { $balance }. Penarikan tidak boleh melebihi saldo.
error-entry-not-found = Transaksi itu tidak ditemukan.
error-entry-already-reversed = Transaksi ini sudah dikoreksi. Satu transaksi hanya bisa dikoreksi sekali.
error-reversal-of-reversal = Koreksi tidak bisa dikoreksi lagi. Jika koreksinya keliru, catat transaksinya ulang sebagai setoran atau penarikan baru.
error-reversal-exceeds-balance = Koreksi ini akan membuat saldo minus: saldo saat ini Rp { $balance }, karena sebagian uangnya sudah ditarik. Koreksi penarikannya dulu.
input-quantity-unrecognised = Berat atau jumlahnya tidak terbaca. Tulis angka dan satuannya, misalnya "2,5", "2,5 kg", "750 gr" atau "1,2 liter".
input-quantity-wrong-unit = Satuannya tidak cocok dengan jenis sampah ini: jenis yang dihargai per kg ditulis dalam kg atau gram, yang per liter dalam liter atau ml.
input-quantity-not-positive = Jumlahnya harus lebih dari nol.
input-quantity-too-precise = Terlalu rinci: paling kecil 1 gram (atau 1 ml). Contoh: "2,5 kg" atau "750 gr".
input-quantity-too-large = Terlalu banyak untuk satu baris: paling banyak { $max } kg atau { $max } liter. Titik dibaca sebagai pemisah ribuan: untuk dua setengah kilo tulis "2,5", bukan "2.500".
input-money-unrecognised = Jumlah uangnya tidak terbaca. Tulis misalnya "50.000", "Rp 50.000" atau "50 rb".
input-money-ambiguous = Untuk ribuan pakai titik, bukan koma: tulis "12.500", bukan "12,500".
input-money-not-whole = Rupiah tidak memakai sen. Tulis angka bulat, misalnya "12.500".
input-money-out-of-range = Jumlahnya harus antara Rp { $min } dan Rp { $max }.
bank-list-title = Bank sampah di wilayah Anda ({ $count }). Pilih untuk melihat RT dan petugasnya:
bank-list-empty = Belum ada bank sampah di wilayah Anda. Buka yang pertama dengan tombol di bawah.
bank-list-button = { $bank } · { $kelurahan }
button-bank-new = ➕ Buka bank sampah baru
bank-details =
    🏦 { $bank }
    Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • RT yang dilayani: { $rts }
    • Petugas: { $officers }
bank-no-officers = belum ada
bank-rt-label = RT { $rt }
button-bank-appoint = ➕ Angkat petugas
button-bank-revoke = ➖ Copot petugas
button-bank-add-rt = 🏘 Tambah RT yang dilayani
bank-appoint-choose = Pilih warga yang diangkat menjadi petugas { $bank }:
bank-appoint-none = Belum ada warga aktif di RT yang dilayani { $bank } yang bisa diangkat (semuanya sudah petugas).
bank-member-button = { $name } (RT { $rt })
bank-officer-appointed = { $name } kini petugas { $bank }.
bank-officer-revoked = { $name } tidak lagi menjadi petugas { $bank }.
bank-officer-appointed-notice =
    Anda diangkat menjadi petugas { $bank }. Terima kasih! 🙏
    Catat setoran warga dengan /setor, penarikan dengan /tarik, koreksi dengan /koreksi, dan atur jenis serta harga sampah dengan /harga.
bank-officer-revoked-notice = Anda tidak lagi menjadi petugas { $bank }. Terima kasih atas bantuan Anda selama ini.
bank-revoke-choose = Ketuk petugas { $bank } yang akan dicopot:
bank-revoke-none = { $bank } belum punya petugas.
bank-add-rt-choose = RT di Kelurahan { $kelurahan } yang belum dilayani bank sampah. Ketuk untuk menambahkannya ke { $bank }:
bank-no-free-rt = Semua RT terdaftar di Kelurahan { $kelurahan } sudah dilayani bank sampah.
bank-choose-rts = Pilih RT di Kelurahan { $kelurahan } yang akan dilayani bank sampah ini (boleh lebih dari satu), lalu tekan Selesai.
bank-rts-needed = Pilih paling sedikit satu RT.
bank-ask-name = Apa nama bank sampahnya? Tulis namanya, atau pakai usulan di bawah.
bank-name-suggestion-rt = Bank Sampah RT { $rt } { $kelurahan }
bank-name-suggestion-kelurahan = Bank Sampah Kelurahan { $kelurahan }
bank-created = ✅ { $bank } sudah dibuka, lengkap dengan { $types } jenis sampah dan harga awalnya. Petugas bank dapat mengubah harga dengan /harga. Sekarang angkat petugasnya:
bank-choose-bank = Anda petugas di lebih dari satu bank sampah. Untuk bank yang mana?
bank-ask-resident = Setoran dari siapa? Tulis nama warga (sebagian juga boleh) atau kode anggotanya, misalnya W123 (ada di /profil warga).
bank-ask-account-holder = Tabungan siapa? Tulis nama warga (sebagian juga boleh) atau kode anggotanya, misalnya W123 (ada di /profil warga).
bank-resident-none = Tidak ada nasabah bernama atau berkode "{ $query }" di bank sampah ini. Coba tulis lagi.
bank-resident-moved = Warga itu sudah tidak tinggal di RT yang dilayani { $bank }, jadi setoran baru tidak bisa dicatat (tabungannya masih bisa ditarik dengan /tarik). Tulis nama lain.
bank-choose-resident = Pilih warganya:
button-search-again = 🔎 Cari lagi
bank-resident-label = { $name } · RT { $rt } · { $household } · { $code }
bank-resident-label-away = { $name } · sudah pindah · { $code }
bank-no-types = Bank sampah ini belum punya jenis sampah. Tambahkan dulu dengan /harga.
bank-choose-type = Jenis sampah apa yang disetor { $name }?
bank-type-button = { $type } · { $price }
bank-ask-weight = Berapa berat { $type }? Tulis seperti di timbangan, misalnya "2,5", "2,5 kg" atau "750 gr".
bank-ask-volume = Berapa banyak { $type }? Tulis misalnya "1,2 liter", "1,2" atau "500 ml".
bank-deposit-summary = Setoran { $name } ({ $code }) di { $bank }:
bank-deposit-summary-line = { $number }. { $type }: { $quantity } × { $price } = { $value }
bank-deposit-summary-total = Total: { $total }
bank-deposit-no-lines = Belum ada baris. Tekan "Tambah jenis" untuk menambah.
bank-deposit-full = Sudah { $max } baris, batas satu setoran. Simpan dulu, lalu catat sisanya sebagai setoran baru.
bank-deposit-prices-changed = ⚠️ Harga berubah sejak ringkasan tadi, jadi setoran ini belum disimpan. Ini ringkasan dengan harga terbaru: periksa totalnya, lalu tekan Simpan lagi bila sudah sesuai.
button-bank-add-line = ➕ Tambah jenis
button-bank-undo-line = ↩️ Hapus baris terakhir
bank-deposit-saved = ✅ Setoran { $name } tersimpan.
bank-receipt-sent = Bukti sudah dikirim ke { $name } lewat pesan pribadi.
bank-receipt-not-sent = { $name } tidak bisa dihubungi lewat bot, jadi buktinya tidak terkirim. Mohon sampaikan langsung.
bank-receipt-deposit =
    🧾 Bukti setoran { $bank }
    No. { $entry } · { $when }
    Nasabah: { $name } ({ $code })
    { $lines }
    Total: { $total }
    Saldo sekarang: { $balance }
    Petugas: { $officer }
bank-receipt-line = • { $type }: { $quantity } × { $price } = { $value }
bank-receipt-withdrawal =
    🧾 Bukti penarikan { $bank }
    No. { $entry } · { $when }
    Nasabah: { $name } ({ $code })
    Ditarik: { $amount }
    Saldo sekarang: { $balance }
    Petugas: { $officer }
bank-receipt-reversal =
    🧾 Koreksi { $bank }
    No. { $entry } · { $when }
    Nasabah: { $name } ({ $code })
    { $what } No. { $original } tanggal { $dated } dibatalkan: { $amount }
    Alasan: { $reason }
    Saldo sekarang: { $balance }
    Petugas: { $officer }
bank-withdraw-nothing = Saldo { $name } { $balance }. Tidak ada yang bisa ditarik.
bank-ask-withdrawal = Saldo { $name }: { $balance }. Berapa yang ditarik? Tulis misalnya "50.000" atau "50 rb".
bank-withdraw-confirm =
    Tarik { $amount } dari tabungan { $name }?
    Saldo sekarang { $balance }, sesudahnya { $after }.
button-bank-withdraw = ✅ Catat penarikan
bank-withdrawal-saved = ✅ Penarikan { $name } tersimpan. Serahkan uangnya sesuai bukti di bawah.
bank-already-saved = Sudah tersimpan sebagai transaksi No. { $entry } untuk { $name }. Tidak dicatat dua kali.
bank-reversal-none = Tidak ada transaksi { $name } yang bisa dikoreksi.
bank-choose-entry = Transaksi { $name } yang mana yang keliru? (10 terakhir yang belum dikoreksi)
bank-ask-reason = Apa alasannya? Tulis singkat, misalnya "salah timbang, seharusnya 1,5 kg". Alasan ini tercatat selamanya dan dikirim ke warga.
bank-reversal-confirm =
    Batalkan { $kind } No. { $entry } sebesar { $amount } milik { $name }?
    Alasan: { $reason }
    Transaksi aslinya tetap tercatat; yang ditambahkan adalah transaksi koreksi.
button-bank-reverse = ✅ Ya, koreksi
bank-reversal-saved = ✅ Koreksi untuk { $name } tersimpan.
bank-kind-deposit = Setoran
bank-kind-withdrawal = Penarikan
bank-kind-reversal = Koreksi
bank-entry-line = { $when } · { $kind } No. { $entry } · { $amount }
bank-entry-reverses = (membatalkan No. { $original })
bank-entry-reversed = (sudah dikoreksi)
bank-prices-title = Harga di { $bank } saat ini:
bank-price-line = • { $type }: { $price }
bank-price-line-next = • { $type }: { $price }, menjadi { $next } mulai { $from }
bank-prices-empty = Belum ada jenis sampah.
button-bank-price-change = ✏️ Ubah harga
button-bank-type-add = ➕ Tambah jenis
button-bank-type-retire = 🗑 Hentikan jenis
button-bank-price-history = 📜 Riwayat harga
bank-prices-done = Selesai. Kirim /harga lagi kapan saja.
bank-choose-price-type = Jenis sampah yang mana?
bank-ask-new-price = Berapa harga baru { $type } per { $unit }? Sekarang { $current }. Tulis misalnya "2.000" atau "Rp 2.000".
bank-ask-price-from = Berlaku mulai kapan? Pilih tombol, atau tulis tanggalnya (misalnya "tanggal 1" atau "Senin 08.00").
button-price-from-now = Mulai sekarang
button-price-from-tomorrow = Mulai besok 00.00 WIB
bank-price-changed = ✅ Harga { $type } sekarang { $price }, berlaku sejak { $from }. Setoran sebelumnya tetap memakai harga lama.
bank-price-scheduled = ✅ Harga { $type } menjadi { $price } mulai { $from }. Sampai saat itu harga lama tetap berlaku.
bank-ask-type-name = Apa nama jenis sampah yang baru? Misalnya "Botol kaca bening" atau "Aluminium".
bank-choose-unit = { $type } dihargai per apa?
button-unit-kg = per kg (ditimbang)
button-unit-liter = per liter (ditakar)
bank-ask-price = Berapa harga { $type } per { $unit }? Tulis misalnya "2.500" atau "Rp 2.500".
bank-type-added = ✅ { $type } ditambahkan dengan harga { $price }.
bank-retire-confirm = Hentikan { $type }? Jenis ini tidak bisa dipilih lagi untuk setoran baru; setoran lama tetap tercatat.
button-bank-type-retire-yes = Ya, hentikan
bank-type-retired = ✅ { $type } tidak lagi dipakai untuk setoran baru.
bank-price-history-title = Riwayat harga { $type }:
bank-price-history-line = • { $price } mulai { $from }
bank-price-history-scheduled = • { $price } mulai { $from } (dijadwalkan)
bank-balance =
    💰 Tabungan Anda di { $bank }
    Saldo: { $balance }
bank-balance-recent = Transaksi terakhir ({ $count }):
bank-balance-no-entries = Belum ada transaksi.
bank-statement-offer = Laporan bulanan:
button-statement-this-month = 📄 Bulan ini
button-statement-last-month = 📄 Bulan lalu
bank-balance-none = Anda belum punya tabungan di bank sampah. Bawa sampah terpilah ke petugas bank sampah RT Anda untuk mulai menabung.
bank-balance-none-unregistered = Anda belum punya tabungan di bank sampah. Tabungan dibuka saat warga RT yang punya bank sampah menyetor sampah; kirim /start untuk mendaftar ke RT Anda.
bank-statement-title =
    📄 Laporan tabungan { $bank }
    { $month }
    Saldo awal: { $opening }
bank-statement-no-entries = Tidak ada transaksi pada bulan ini.
bank-statement-totals =
    Setoran: { $deposits }
    Penarikan: { $withdrawals }
    Koreksi: { $reversals }
    Saldo akhir: { $closing }
bank-statement-unavailable = Laporan ini tidak tersedia.

## skor bot
command-skor = Nilai Kampung BANTAR: poin saya, kartu nilai RT, peringkat RT
command-nilai = Isi nilai indikator yang dinilai koordinator
error-role-admin-ketua_rt-koordinator-warga = Maaf, perintah ini untuk warga yang sudah terdaftar di RT, ketua RT, koordinator, dan admin kota. Kirim /start untuk mendaftar.
button-score-view-area = 📊 Peringkat RT wilayah
button-score-view-rt = 📋 Kartu nilai RT saya
button-score-view-me = 🙋 Poin saya
score-trend-naik = naik
score-trend-stabil = stabil
score-trend-menurun = menurun
score-rate-unknown = — (jumlah KK belum diisi)
score-kind-gotong_royong = gotong royong
score-kind-ronda = ronda
score-kind-rapat = rapat warga
score-kind-lainnya = kegiatan lain
score-kind-bank_sampah = bank sampah
score-kind-pojok_baca_sesi = sesi pojok baca
score-kind-pojok_baca_pinjam = pinjam buku
score-kind-membaca = membaca
score-me-title = 🙋 Poin partisipasi Anda dalam { $days } hari terakhir: { $points } poin dari { $records } kegiatan.
score-me-none = 🙋 Belum ada kegiatan Anda yang tercatat dalam { $days } hari terakhir. Ikut gotong royong, ronda, bank sampah, atau pojok baca untuk mengumpulkan poin.
score-me-breakdown = Rincian: { $kinds }
score-me-kind = { $kind } { $count }×
score-me-rt = 🏘 RT { $rt } { $kelurahan }: nilai { $total }, kategori { $category }, tren partisipasi { $trend }.
score-card-title = 📋 Kartu nilai Kampung BANTAR — RT { $rt } Kel. { $kelurahan }, Kec. { $kecamatan }
score-card-summary = Nilai total: { $total } · kategori { $category }, { $households } KK · hadiah { $award }
score-card-missing = { $count } indikator belum dinilai koordinator (tanda —, tidak ikut dihitung dalam nilai total).
score-card-dimension = ▪️ { $dimension }: { $total }
score-card-indicator = { $code } { $label }: { $score }
score-card-explain = { "   " }↳ { $explanation }
score-card-trend = 📈 Tren partisipasi: { $trend }
score-card-sparkline = 12 minggu terakhir: { $sparkline }
score-card-weeks = KK ikut per minggu, 4 minggu terakhir: { $weeks }
score-card-fading = ⚠️ Partisipasi 4 minggu terakhir turun { $percent }% dibanding 4 minggu sebelumnya.
score-card-weakest-title = 🎯 Tiga indikator terlemah dan saran perbaikannya:
score-card-weakest = { $rank }. { $code } { $label } (nilai { $score }): { $suggestion }
score-rank-title = 📊 Peringkat { $count } RT di wilayah Anda, { $days } hari terakhir. RT yang partisipasinya menurun ({ $fading }) ditaruh paling atas dan ditandai ⚠️.
score-rank-line = { $rank }. RT { $rt } { $kelurahan } — { $total } · partisipasi { $rate }
score-rank-line-fading = { $rank }. ⚠️ RT { $rt } { $kelurahan } — { $total } · partisipasi { $rate } · menurun { $drop }%
score-rank-empty = Belum ada RT terdaftar di wilayah Anda.
score-rank-open = Ketuk RT di bawah untuk membuka kartu nilainya.
score-rank-button = RT { $rt } · { $kelurahan }
score-rank-button-fading = ⚠️ RT { $rt } · { $kelurahan }
score-short-b1 = Perumahan sehat dan tertata
score-short-b2 = Sarana lingkungan
score-short-b3 = Partisipasi kebersihan
score-short-b4 = Ruang hijau, bebas polusi
score-short-b5 = Lahan tidur dan TOGA
score-short-b6 = Sanitasi sehat
score-short-b7 = Gotong royong
score-short-a1 = Bebas narkoba dan miras
score-short-a2 = Bebas kriminalitas (ronda)
score-short-a3 = Bebas prostitusi dan asusila
score-short-a4 = Bebas KDRT dan eksploitasi anak
score-short-a5 = Musyawarah warga
score-short-a6 = Sadar politik dan hukum
score-short-a7 = Adat dan norma hukum
score-short-p1 = Ekonomi masyarakat
score-short-p2 = Pojok baca dan kelompok belajar
score-short-p3 = Organisasi sosial dan pemuda
score-short-p4 = Bebas buta aksara
score-short-p5 = Bebas pengangguran
score-short-p6 = Bebas kematian ibu dan balita
score-short-p7 = Potensi SDM setempat
score-entry-choose-rt = RT mana yang akan dinilai?
score-entry-rt-button = RT { $rt } · { $kelurahan }
score-entry-no-rt-kelurahan = Belum ada RT terdaftar di Kelurahan { $kelurahan }.
score-entry-choose-indicator = Indikator mana yang dinilai untuk RT { $rt } { $kelurahan }? Angka di tombol adalah nilai saat ini (— berarti belum dinilai).
score-entry-indicator-button = { $code } { $label } · { $score }
score-entry-ask-score =
    { $code } — { $indicator }
    Nilai saat ini: { $current }. Pilih nilai baru:
score-entry-current-none = belum dinilai
button-score-2 = 2 — baik
button-score-1 = 1 — sedang
button-score-0 = 0 — kurang
button-score-history = 📜 Riwayat
score-entry-ask-note = Tulis catatan singkat hasil penilaian (paling banyak { $max } karakter), atau tekan Lewati.
score-entry-ask-date = Kapan RT ini dinilai? Tekan Hari ini, atau tulis tanggalnya, misalnya "kemarin" atau "20/11".
score-entry-confirm =
    Simpan penilaian ini?
    RT { $rt } Kel. { $kelurahan }
    { $code } { $label }: { $score }
    Catatan: { $note }
    Tanggal penilaian: { $date }
score-entry-no-note = —
score-entry-saved = ✅ Nilai { $code } RT { $rt } { $kelurahan } tersimpan: { $score } (dinilai { $date }). Nilai total RT sekarang { $total }.
score-entry-already-saved = Penilaian ini sudah tersimpan. Tidak dicatat dua kali.
score-history-title = 📜 Riwayat { $code } { $label } — RT { $rt } { $kelurahan } (terbaru di atas):
score-history-line = • { $date }: nilai { $score }, oleh { $by }
score-history-line-note = • { $date }: nilai { $score }, oleh { $by } — { $note }
score-history-empty = { $code } untuk RT { $rt } { $kelurahan } belum pernah dinilai.
input-score-date-future = Tanggal itu belum tiba. Tulis tanggal penilaian yang sudah lewat, atau tekan Hari ini.
input-score-date-too-old = Itu lebih dari { $days } hari yang lalu. Penilaian selama itu tidak dapat dicatat lewat bot; hubungi admin kota.

## digest
digest-trend-naik = naik
digest-trend-stabil = stabil
digest-trend-menurun = menurun { $percent }%
digest-trend-word-naik = naik
digest-trend-word-stabil = stabil
digest-trend-word-menurun = menurun
digest-koordinator-title = 📊 Ringkasan mingguan Kampung BANTAR, { $week }
digest-koordinator-empty = Belum ada RT terdaftar di wilayah Anda.
digest-koordinator-counts = RT di wilayah Anda: { $count }. Partisipasinya menurun: { $fading } RT (ditandai ⚠️, paling atas).
digest-koordinator-line = { $rank }. RT { $rt } { $kelurahan }: nilai { $total } · KK ikut minggu lalu { $rate } · { $trend }
digest-koordinator-line-fading = { $rank }. ⚠️ RT { $rt } { $kelurahan }: nilai { $total } · KK ikut minggu lalu { $rate } · { $trend }
digest-koordinator-more = …dan { $count } RT lainnya; lihat lampiran Excel.
digest-koordinator-footer = Grafik tren dan lampiran Excel (daftar RT, kartu nilai, partisipasi per jenis kegiatan) dikirim sesudah pesan ini.
digest-ketua-title = 📊 Ringkasan mingguan RT { $rt } { $kelurahan }, { $week }
digest-ketua-score = Nilai Kampung BANTAR: { $total } (Bersih { $bersih }, Aman { $aman }, Pintar { $pintar }) · kategori { $category }
digest-ketua-participation = KK ikut kegiatan: { $window } dalam { $days } hari terakhir, { $latest } minggu lalu.
digest-ketua-trend = Tren 4 minggu terakhir dibanding 4 minggu sebelumnya: { $trend }.
digest-ketua-weakest-title = 🎯 Tiga indikator yang paling perlu dibenahi:
digest-ketua-weakest = { $rank }. { $code } { $label } (nilai { $score }). Saran: { $suggestion }
digest-chart-title = Tren partisipasi per RT, 12 minggu terakhir
digest-chart-x = Minggu mulai
digest-chart-y = KK ikut kegiatan
digest-chart-no-data = Belum ada data partisipasi
digest-chart-hidden = { $count } RT lainnya tidak ditampilkan
digest-chart-caption = 📈 Tren partisipasi per RT. RT yang menurun tampil lebih dulu.
digest-xlsx-caption = 📎 Rincian ringkasan minggu ini: daftar RT, kartu nilai 21 indikator, dan partisipasi per jenis kegiatan 4 minggu terakhir.
digest-sheet-rts = Daftar RT
digest-sheet-scorecards = Kartu nilai
digest-sheet-participation = Partisipasi per jenis
digest-col-rt = RT
digest-col-kelurahan = Kelurahan
digest-col-kecamatan = Kecamatan
digest-col-households = Jumlah KK
digest-col-category = Kategori
digest-col-score = Nilai total
digest-col-rate-window = KK ikut 28 hari
digest-col-rate-latest = KK ikut minggu lalu
digest-col-trend = Tren
digest-col-drop = Penurunan (%)
digest-col-code = Kode
digest-col-indicator = Indikator
digest-col-week = Minggu mulai
digest-col-total = Jumlah
digest-kind-gotong_royong = Gotong royong
digest-kind-ronda = Ronda
digest-kind-rapat = Rapat warga
digest-kind-lainnya = Kegiatan lain
digest-kind-bank_sampah = Bank sampah
digest-kind-pojok_baca_sesi = Sesi pojok baca
digest-kind-pojok_baca_pinjam = Pinjam buku
digest-kind-membaca = Membaca
command-ringkasan = Ringkasan mingguan: nilai dan tren RT, grafik, lampiran Excel
command-ekspor = Unduh kartu nilai dan partisipasi RT wilayah Anda (Excel)

## Faults and long work
error-database-unavailable = Maaf, sistem sedang gangguan sebentar. Coba lagi sebentar.
long-work-preparing = Sedang disiapkan, dikirim sebentar lagi.
long-work-failed = Maaf, permintaan Anda gagal disiapkan. Coba lagi sebentar.

## issue 14: ronda
ronda-gap-offer = Malam ronda { $when } kosong karena ada warga yang tidak lagi ikut. Bisa menggantikan?
ronda-gap-line = { $count ->
        [0] • { $when } (tidak ada warga yang bisa malam itu: pilih penggantinya lewat /jadwalronda, tombol "Jadwalkan warga di satu malam")
       *[other] • { $when } (ditawarkan ke { $count } warga)
    }
ronda-gaps-ketua =
    ⚠️ { $name } tidak lagi menjadi warga RT, jadi giliran rondanya dilepas. Malam yang kosong:
    { $nights }
    Permintaan pengganti sudah dikirim ke warga yang bisa malam itu.
ronda-gaps-ketua-erased =
    ⚠️ Seorang warga menghapus datanya dari bot, jadi giliran rondanya dilepas. Malam yang kosong:
    { $nights }
    Permintaan pengganti sudah dikirim ke warga yang bisa malam itu.
ronda-gap-filled-ketua = Malam ronda { $when } yang kosong sudah diisi oleh { $name }.
ronda-cannot-ketua = { $count ->
        [0] { $name } tidak bisa ronda { $when }, dan tidak ada warga lain yang bisa malam itu. Pilih penggantinya lewat /jadwalronda, tombol "Jadwalkan warga di satu malam".
       *[other] { $name } tidak bisa ronda { $when }. Permintaan tukar dikirim ke { $count } warga yang bisa malam itu.
    }
ronda-duty-now = 🔦 Malam ini Anda bertugas ronda pukul { $start }–{ $end } WIB di { $place }. Setelah tiba di pos, tekan tombol di bawah untuk absen hadir ronda.
ronda-duty-recorded = ✅ Kehadiran ronda Anda malam ini (pukul { $start }–{ $end } WIB di { $place }) sudah tercatat.
button-ronda-present = ✅ Saya sudah hadir ronda
ronda-present-done = Terima kasih! Kehadiran ronda Anda { $when } sudah tercatat.
ronda-present-already = Kehadiran ronda Anda { $when } sudah tercatat sebelumnya.
error-ronda-not-on-duty = Tombol ini hanya untuk yang bertugas ronda malam itu.
error-ronda-present-not-open = Tombol absen hadir ronda bisa ditekan mulai pukul { $time } WIB (30 menit sebelum giliran Anda).
error-ronda-present-closed = Waktu absen hadir ronda untuk malam itu sudah lewat.
button-ronda-assign = ✍️ Jadwalkan warga di satu malam
ronda-assign-choose-night = Malam ronda mana yang akan diisi?
ronda-assign-night = { $when } ({ $count } orang)
ronda-assign-choose-member = Siapa yang dijadwalkan ronda malam itu?
ronda-assign-nobody = Semua warga aktif sudah terjadwal di malam itu.
ronda-assign-done = { $name } dijadwalkan ronda { $when }. Yang bersangkutan sudah diberi tahu.
ronda-assign-already = { $name } sudah terjadwal ronda { $when }.
ronda-assigned-person = 🔦 Ketua RT menjadwalkan Anda ronda { $when } di { $place }. Jika tidak bisa, kirim /giliranku untuk minta tukar.
audit-action-ronda_assigned = menjadwalkan warga ronda
ronda-can-again-ketua = { $name } ternyata bisa ronda { $when }. Permintaan tukarnya dibatalkan; malam itu tetap terjaga.
ronda-cannot-now-ketua = ⚠️ { $name } tidak bisa ronda { $when }, padahal gilirannya sudah dimulai. Permintaan tukar tidak dikirim lagi; hubungi warga yang bertugas malam ini bila perlu.
ronda-assign-replaced = { $name } dijadwalkan ronda { $when } menggantikan { $replaced }, yang tidak bisa. Keduanya sudah diberi tahu.
ronda-replaced-requester = 🔦 Ketua RT sudah menjadwalkan { $name } menggantikan Anda ronda { $when }. Anda tidak perlu ronda malam itu.
## issue 14: events
schedule-item-counts-attended = Akan hadir { $hadir } · Tidak bisa { $tidak } · Mungkin { $mungkin } · Hadir { $attended }
schedule-item-duty = 🔦 Anda bertugas ronda di malam ini.
schedule-rest-title = Kegiatan lainnya ({ $count }). Ketuk nomornya untuk melihat dan menjawab:
schedule-rest-line = { $n }. { $kind } · { $when }
schedule-rest-none = Tidak ada kegiatan lain dalam 2 minggu ke depan. Kirim /jadwal untuk melihat jadwal terbaru.
event-created-notice = 📅 Kegiatan baru di RT: { $kind }, { $when }, di { $place }.
event-created-notice-notes = 📝 { $notes }
event-created-notice-answer = Apakah Bapak/Ibu akan hadir? Jawab dengan tombol di bawah; semua kegiatan ada di /jadwal.
reminder-notes = 📝 { $notes }
reminder-morning = 🔔 Hari ini: { $kind } pukul { $time } WIB, di { $place }. Sampai jumpa!
reminders-mine =
    Pengingat kegiatan untuk Anda: { $current }.
    Pengingat tugas ronda tetap dikirim. Pilih kapan Bapak/Ibu ingin diingatkan:
reminders-saved = Tersimpan: { $current }
reminder-choice-rt = Seperti pengaturan RT
reminder-choice-evening = Malam sebelumnya, pukul { $evening }
reminder-choice-morning = Pagi harinya, pukul { $morning }
reminder-choice-before = { $hours } jam sebelumnya
reminder-choice-off = Tidak usah diingatkan
error-reminder-choice-unavailable = Pengingat itu sedang dimatikan oleh ketua RT. Pilih yang lain dengan /pengingat.
## issue 14: people
# How a person is addressed (src/messages/address.ts): "Pak Harun", "Bu Siti", "Kak Dewi", "Dewi".
address-pak = Pak { $name }
address-bu = Bu { $name }
address-kak = Kak { $name }
address-name = { $name }
reg-ask-greeting = Bagaimana Anda ingin disapa di bot ini?
button-greeting-name = { $name } saja
reg-greeting-chosen = Baik, kami akan menyapa Anda { $name }.
profile-greeting-hint = Ingin disapa dengan cara lain? Pilih di bawah.
greeting-set = Baik, mulai sekarang Anda disapa { $name }.
reg-replace-ask = Permintaan Anda ke RT { $oldRt } Kelurahan { $oldKelurahan } masih menunggu. Ganti dengan RT { $rt } Kelurahan { $kelurahan }?
button-replace-yes = Ya, ganti
button-replace-no = Tidak
reg-replace-kept = Baik, permintaan Anda ke RT { $rt } Kelurahan { $kelurahan } tetap menunggu.
error-request-pending-elsewhere = Permintaan Anda ke RT { $rt } Kelurahan { $kelurahan } masih menunggu. Buka lagi tautan undangannya untuk memilih: tetap menunggu atau ganti.
error-request-withdrawn = Permintaan { $name } sudah dibatalkan sendiri olehnya, jadi tidak perlu diproses.
membership-request-closed-approved = ✅ Permintaan { $name } (KK { $household }) bergabung ke RT { $rt } Kelurahan { $kelurahan } sudah disetujui oleh { $by }.
membership-request-closed-rejected = ❌ Permintaan { $name } (KK { $household }) bergabung ke RT { $rt } Kelurahan { $kelurahan } sudah ditolak oleh { $by }.
membership-request-closed-withdrawn = ↩️ { $name } membatalkan permintaannya bergabung ke RT { $rt } Kelurahan { $kelurahan }.
leave-pending-confirm = Batalkan permintaan Anda bergabung ke RT { $rt } Kelurahan { $kelurahan }?
button-withdraw-yes = Ya, batalkan
leave-pending-done = Permintaan Anda ke RT { $rt } Kelurahan { $kelurahan } sudah dibatalkan. Kirim /start jika ingin mendaftar lagi.
pending-waiting = Permintaan Anda bergabung ke RT { $rt } Kelurahan { $kelurahan } masih menunggu persetujuan sejak { $since }. Perintah ini bisa dipakai setelah disetujui. Kirim /keluar untuk membatalkan permintaan.
## issue 14: money
bank-cancelled-entry = { $kind } No. { $original }
bank-cancelled-line = baris { $line } { $kind } No. { $original }
audit-action-price_set = { $old ->
        [none] menetapkan harga awal { $type } di { $bank }: { $new }
       *[other] mengubah harga { $type } di { $bank } dari { $old } menjadi { $new }, berlaku mulai { $from }
    }
bank-receipt-reversal-line =
    🧾 Koreksi { $bank }
    No. { $entry } · { $when }
    Nasabah: { $name } ({ $code })
    Dibatalkan: { $cancelled } tanggal { $dated }
    { $line }
    Nilai koreksi: { $amount }
    Alasan: { $reason }
    Saldo sekarang: { $balance }
    Petugas: { $officer }
bank-choose-line = Setoran No. { $entry } berisi beberapa baris. Batalkan seluruhnya, atau hanya baris yang keliru?
bank-reversal-whole-button = Seluruh setoran No. { $entry } ({ $amount })
bank-reversal-line-button = Baris { $line }: { $detail }
bank-reversal-blocked =
    ⚠️ Pembatalan { $what } belum bisa dicatat: saldo { $name } sekarang { $balance }, kurang dari { $amount } yang akan dibatalkan, karena uangnya sudah ditarik:
    { $withdrawals }
    Yang bisa dilakukan:
    • Bila penarikan itu juga keliru, koreksi penarikannya dulu dengan /koreksi.
    • Bila tidak, tunggu setoran { $name } berikutnya: setelah saldonya cukup, kirim /koreksi lagi.
    • Atau selesaikan selisihnya langsung dengan { $name } dan beri tahu ketua RT.
    Belum ada yang dicatat.
bank-reversal-blocked-withdrawal = • penarikan No. { $entry } tanggal { $when }: { $amount }
bank-reversal-confirm-line =
    Batalkan { $what } milik { $name }?
    { $line }
    Nilai yang dibatalkan: { $amount }
    Alasan: { $reason }
    Transaksi aslinya tetap tercatat; yang ditambahkan adalah transaksi koreksi untuk baris ini saja.
error-entry-line-not-found = Baris itu tidak ada di setoran ini.
error-entry-partly-reversed = Sebagian baris setoran ini sudah dikoreksi. Koreksi baris lainnya satu per satu dengan /koreksi.
error-role-admin-ketua_rt-koordinator-petugas_bank-warga = Maaf, perintah ini untuk warga RT yang sudah terdaftar. Kirim /start untuk mendaftar ke RT Anda.
bank-books-none = RT Anda belum dilayani bank sampah, dan Anda belum punya tabungan di bank sampah mana pun. Tanyakan kepada ketua RT Anda.
bank-books-prices-note = Harga untuk sampah yang sudah terpilah dan bersih. Laporan bulan ini ada di tombol di bawah.
button-bank-books-prices = 🏷 Harga sampah
bank-books-month =
    📊 { $bank } · { $month }
    Setoran: { $depositCount } transaksi, { $deposits }
    Penarikan: { $withdrawalCount } transaksi, { $withdrawals }
    Koreksi: { $reversalCount } entri, { $reversals }
    Tabungan seluruh nasabah akhir bulan: { $closing }
bank-books-types = Sampah terkumpul (bersih, setelah koreksi):
bank-books-type-line = • { $type }: { $quantity } · { $value }
bank-books-no-types = • belum ada
bank-books-own = Transaksi Anda:
bank-books-own-no-account = Anda belum punya tabungan di bank sampah ini.
bank-books-own-closing = Saldo Anda akhir bulan: { $balance }
## issue 14: announce
announce-from-ketua = Dari Ketua RT { $rt }, { $name }
announce-from-koordinator-kelurahan = Dari Koordinator Kelurahan { $area }, { $name }
announce-from-koordinator-kecamatan = Dari Koordinator Kecamatan { $area }, { $name }
announce-from-koordinator = Dari Koordinator Kampung BANTAR, { $name }
announce-from-admin = Dari Admin Kampung BANTAR Kota Jambi, { $name }
announce-caption-too-long = Keterangan foto terlalu panjang: paling banyak { $max } karakter. Kirim foto dengan keterangan yang lebih pendek, atau tulis pengumumannya sebagai teks saja.
announce-photo-not-file = Poster dikirim sebagai foto, bukan sebagai berkas. Kirim ulang sebagai foto, tulis pengumumannya, atau kirim /batal.
announce-poster = [poster]
announce-scheduled-list = Pengumuman terjadwal Anda yang belum dikirim:
announce-scheduled-item = • { $when }: { $text }
button-broadcast-cancel-scheduled = ✖ Batalkan ({ $when })
button-broadcast-schedule = ⏰ Jadwalkan
button-broadcast-schedule-confirm = ⏰ Jadwalkan
announce-ask-when = Kapan pengumuman ini dikirim? Tulis seperti biasa, misalnya "Minggu 06.00", "besok jam 7 pagi", atau "7/12 18.30". Semua waktu dalam WIB.
announce-confirm-scheduled = Jadwalkan pengumuman ini untuk { $when }?
announce-scheduled = Pengumuman dijadwalkan: { $when }. Belum ada yang dikirim; tekan tombol di bawah untuk membatalkannya. Daftarnya juga muncul saat Anda mengirim /umumkan.
broadcast-scheduled-cancelled = Pengumuman terjadwal dibatalkan. Tidak ada yang dikirim.
announce-scheduled-dropped = Pengumuman terjadwal Anda untuk { $when } tidak dikirim: Anda tidak lagi memegang peran yang boleh mengirimnya ke penerima itu.
error-broadcast-time-passed = Waktu kirim itu sudah lewat. Kirim /umumkan lagi dan pilih waktu yang akan datang.
error-broadcast-caption-too-long = Keterangan foto terlalu panjang: paling banyak { $max } karakter.
audit-action-broadcast_scheduled = menjadwalkan pengumuman untuk { $recipients } penerima
## issue 14: menus
help-group-umum = ▸ Umum
help-group-kegiatan = ▸ Kegiatan & ronda
help-group-bank = ▸ Bank sampah
help-group-baca = ▸ Pojok baca
help-group-rt = ▸ Mengelola RT
help-group-penilaian = ▸ Penilaian Kampung BANTAR
help-group-wilayah = ▸ Koordinator & kota
help-group-saya = ▸ Data saya
registry-rt-headless = • RT { $rt }: { $active } warga aktif, { $pending } menunggu, { $households } KK · ⚠️ belum ada ketua
registry-headless = { $count } RT belum punya ketua. Buat tautan ketuanya dengan tombol di bawah, lalu kirim kepada calon ketua RT. Selama belum ada ketua, permintaan bergabung ke RT itu dikirim kepada koordinator wilayahnya.
registry-headless-more = { $count } RT lainnya: buat tautannya dengan /tautanketua.
registry-headless-button = Tautan ketua RT { $rt } · { $kelurahan }
## issue 14: dates
input-datetime-just-past = Tanggal itu sudah lewat tahun ini. Jika maksudnya tahun depan, tulis lengkap dengan tahunnya (tanggal/bulan/tahun).
input-datetime-wrong-weekday = Hari dan tanggal itu tidak cocok. Periksa lagi, lalu tulis tanggalnya saja atau harinya saja.
input-datetime-wrong-weekday-named = { $date } hari { $actual }, bukan { $typed }. Periksa lagi, lalu tulis tanggalnya saja atau harinya saja.
event-when-just-past = Tanggal { $past } sudah lewat. Maksudnya tahun depan, { $next }?
button-event-type-again = ✏️ Tulis lagi
event-when-read = 🗓 Tercatat: { $when }
event-ask-time-on = { $day }, jam berapa? Misalnya "07.00" atau "jam 7 malam".
button-edit-kind = ✏️ Jenis
button-edit-when = ✏️ Waktu
button-edit-place = ✏️ Tempat
button-edit-notes = ✏️ Catatan
button-edit-repeat = ✏️ Pengulangan
event-change-summary =
    Periksa kembali:
    • { $kind }
    • Semula: { $before }
    • Menjadi: { $when }
    • Tempat: { $place }
## issue 14: acting
button-act-for = Bertindak untuk RT { $rt }
button-acting-stop = Berhenti bertindak untuk RT { $rt }
acting-as = (bertindak sebagai ketua RT { $rt })
acting-now = Anda sedang bertindak sebagai ketua RT { $rt } sampai RT itu punya ketua.
acting-started = Anda kini bertindak sebagai ketua RT { $rt } · { $kelurahan } sampai ada ketuanya: perintah ketua (/anggota, /acara, /buatjadwalronda, …) berlaku untuk RT { $rt }. Hak ini berakhir saat ketua RT membuka tautan ketuanya.
acting-stopped = Anda tidak lagi bertindak sebagai ketua RT.
acting-none = Anda tidak sedang bertindak untuk RT mana pun.
error-rt-has-ketua = RT ini sudah punya ketua ({ $ketua }): ketuanya yang mengurus RT ini.
audit-action-acting_started = mulai bertindak sebagai ketua RT (selama RT belum punya ketua)
audit-action-round_opened = membuka putaran penilaian
audit-action-rt_proposed = mengusulkan RT untuk putaran penilaian
audit-action-proposal_withdrawn = menarik usulan RT
audit-action-assessor_invite_created = membuat tautan tim penilai
audit-action-assessor_joined = bergabung dengan tim penilai
audit-action-visit_scheduled = menjadwalkan kunjungan tim penilai
audit-action-visit_cancelled = membatalkan kunjungan tim penilai
audit-action-assessment_scored = memberi nilai indikator RT
audit-action-evidence_added = menambahkan foto bukti
audit-action-evidence_removed = menghapus foto bukti
audit-action-round_decided = mencatat keputusan putaran (SK)
audit-action-title_awarded = memberikan gelar Kampung BANTAR
audit-action-kencana_requirement_recorded = mencatat syarat Kencana
audit-action-household_count_set = mengubah jumlah KK RT dari { $oldCount } menjadi { $newCount }
## issue 14: review fixes
error-leave-stale = Tombol ini untuk keanggotaan atau permintaan Anda di RT { $rt } Kelurahan { $kelurahan }, yang sudah berakhir. Tidak ada yang diubah. Kirim /keluar lagi jika ingin keluar atau membatalkan permintaan yang sekarang.
membership-request-closed-ended = ⏹ Permintaan { $name } (KK { $household }) bergabung ke RT { $rt } Kelurahan { $kelurahan } tidak lagi menunggu persetujuan.
membership-request-closed-erased = ⏹ Permintaan bergabung ke RT { $rt } Kelurahan { $kelurahan } ini tidak lagi menunggu persetujuan.
bank-books-none-unregistered = Anda belum terdaftar di RT mana pun dan belum punya tabungan di bank sampah. Kirim /start untuk mendaftar ke RT Anda.

## issue 15: indicators
event-kind-kerja_bakti_sanitasi = Kerja bakti sanitasi
event-kind-kebun_toga = Kebun / TOGA
event-kind-senam_lansia = Senam lansia
event-kind-posyandu = Posyandu
event-kind-pengajian = Pengajian
event-kind-yasinan = Yasinan
event-kind-karang_taruna = Karang taruna
event-kind-pkk = Pertemuan PKK
reminder-kind-kebun-toga = perawatan kebun/TOGA
reminder-kind-kerja-bakti-sanitasi = kerja bakti sanitasi
reminder-kind-senam-lansia = senam lansia
reminder-kind-posyandu = posyandu
reminder-kind-pengajian = pengajian
reminder-kind-yasinan = yasinan
reminder-kind-karang-taruna = pertemuan karang taruna
reminder-kind-pkk = pertemuan PKK
score-kind-kebun_toga = kebun/TOGA
score-kind-kerja_bakti_sanitasi = kerja bakti sanitasi
score-kind-senam_lansia = senam lansia
score-kind-posyandu = posyandu
score-kind-pengajian = pengajian
score-kind-yasinan = yasinan
score-kind-karang_taruna = karang taruna
score-kind-pkk = PKK
digest-kind-kebun_toga = Kebun/TOGA
digest-kind-kerja_bakti_sanitasi = Kerja bakti sanitasi
digest-kind-senam_lansia = Senam lansia
digest-kind-posyandu = Posyandu
digest-kind-pengajian = Pengajian
digest-kind-yasinan = Yasinan
digest-kind-karang_taruna = Karang taruna
digest-kind-pkk = PKK
score-explain-b5 = { $code } = { $score }: perawatan kebun/TOGA { $held } kali dalam { $days } hari terakhir, { $households } KK ikut merawat ({ $percent }% KK); nilai { $next } butuh { $times } kali dengan { $target }% KK ikut
score-explain-b6 = { $code } = { $score }: kerja bakti sanitasi { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK hadir; nilai { $next } butuh { $times } kali dengan { $target }% KK hadir
score-explain-p6 = { $code } = { $score }: posyandu { $posyandu } kali dan senam lansia { $senam } kali dalam { $days } hari terakhir, batas nilai { $next } adalah { $target } kegiatan
score-explain-p3 = { $code } = { $score }: { $active } dari 4 kelompok (pengajian, yasinan, karang taruna, PKK) bertemu dalam { $days } hari terakhir ({ $meetings } pertemuan), batas nilai { $next } adalah { $target } kelompok
score-explain-a7 = { $code } = { $score }: { $households } KK ({ $percent }% dari jumlah KK) hadir di pengajian, yasinan, karang taruna atau PKK dalam { $days } hari terakhir, batas nilai { $next } adalah { $target }%
score-card-earlier-manual = { "   " }↳ sebelumnya dinilai koordinator { $score } pada { $date }; kini dihitung dari catatan kegiatan
score-card-manual-until-records = { "   " }↳ dinilai koordinator pada { $date }; akan dihitung dari catatan kegiatan begitu ada kegiatannya dalam { $days } hari terakhir
## issue 15: onsite
command-nilaitim = Tim penilai: nilai RT usulan di lapangan, indikator demi indikator
command-rekaptim = Rekap nilai tim penilai untuk satu RT
error-role-admin-ketua_rt-koordinator-penilai = Maaf, perintah ini hanya untuk tim penilai, koordinator, admin kota, dan ketua RT.
error-assessment-not-on-team = Anda bukan anggota tim penilai putaran ini (atau keanggotaan Anda sudah dicabut).
error-assessment-round-decided = Putaran penilaian ini sudah diputuskan, jadi nilainya tidak bisa diubah lagi.
error-assessment-own-rt = Anda tidak menilai RT Anda sendiri: ketua, petugas, dan warga sebuah RT tidak ikut menilai RT itu. Tidak ada yang disimpan.
error-assessment-rt-not-proposed = RT ini tidak (lagi) diusulkan dalam putaran ini, jadi tidak dinilai. Tidak ada yang disimpan.
error-assessment-reason-required = Nilai Anda berbeda dari nilai otomatis, jadi alasannya wajib ditulis.
error-assessment-recap-after-decision = Rekap tim untuk RT Anda baru bisa dilihat setelah putaran ini diputuskan (SK Wali Kota).
agency-dpmppa = DPMPPA
agency-babinsa = Babinsa
agency-babinkamtibmas = Bhabinkamtibmas
agency-dlh = DLH
agency-dandim_polsek = Kodim/Polsek
agency-puskesmas = Puskesmas
agency-forum_rt_kelurahan = Forum RT Kelurahan
agency-forum_rt_kecamatan = Forum RT Kecamatan
agency-forum_rt_kota = Forum RT Kota
onsite-choose-rt = Pilih RT yang Anda nilai sekarang:
onsite-rt-button = RT { $rt } · { $kelurahan } ({ $year })
onsite-no-rt = Belum ada RT usulan dalam wilayah tugas Anda yang bisa dinilai.
onsite-own-excluded = Tidak ditampilkan karena RT Anda sendiri: { $rts }.
onsite-start = Penilaian tim · RT { $rt } · { $kelurahan } · putaran { $year }
onsite-progress = { $scored } dari { $total } sudah dinilai
onsite-start-from = Lanjut dari indikator { $code }.
onsite-all-scored = Semua indikator sudah Anda nilai. Anda bisa mengubah nilai, atau tekan Lewati untuk yang tetap.
onsite-indicator =
    { $dimension } · { $code } ({ $position }/{ $total })
    { $wording }

    2 = { $rubric2 }
    1 = { $rubric1 }
    0 = { $rubric0 }
onsite-indicator-auto = Otomatis dari catatan bot: { $score }. { $explanation }
onsite-indicator-current = Nilai Anda sebelumnya: { $score }
button-onsite-score-2 = 2 (baik)
button-onsite-score-1 = 1 (sedang)
button-onsite-score-0 = 0 (kurang)
button-onsite-agree = Setuju ({ $score })
button-onsite-change = Ubah ke { $score }
button-onsite-skip = Lewati
button-onsite-back = Kembali
button-onsite-no-note = Tanpa catatan
button-onsite-next = Lanjut
onsite-ask-reason = Nilai { $score } untuk { $code } berbeda dari nilai otomatis { $automatic }. Tulis alasannya (wajib, paling banyak { $max } karakter), mis. "Ronda jalan tiap malam, tapi belum dicatat di bot".
onsite-ask-note = Catatan untuk { $code } (boleh dikosongkan, paling banyak { $max } karakter), mis. "Selokan di gang 3 tersumbat". Atau tekan Tanpa catatan.
onsite-ask-photos = Kirim foto bukti untuk { $code } (boleh beberapa, paling banyak { $max }), lalu tekan Lanjut. Tanpa foto: langsung tekan Lanjut.
onsite-photo-received = Foto { $count } diterima. Kirim foto lain, atau tekan Lanjut.
onsite-photo-repeat = Foto ini sudah diterima.
onsite-photo-limit = Sudah { $max } foto untuk indikator ini. Tekan Lanjut.
onsite-photo-expected = Kirim foto (sebagai foto, bukan file), atau tekan Lanjut.
onsite-saved = ✅ { $code } = { $score } tersimpan. { $scored } dari { $total } sudah dinilai.
onsite-saved-photos = ✅ { $code } = { $score } tersimpan dengan { $photos } foto. { $scored } dari { $total } sudah dinilai.
onsite-done = Selesai untuk RT { $rt } · { $kelurahan }: { $scored } dari { $total } sudah dinilai.
onsite-done-unscored = Belum dinilai: { $codes }. Kirim /nilaitim lagi untuk melanjutkan.
onsite-recap-none = Belum ada rekap tim yang bisa Anda lihat.
onsite-recap-choose = Pilih RT untuk melihat rekap tim penilai:
onsite-recap-title = Rekap tim penilai · RT { $rt } · { $kelurahan } · putaran { $year }
onsite-recap-summary = Total { $total } · { $assessors } penilai
onsite-recap-rule = Nilai RT per indikator = nilai tengah (median) dari nilai terakhir tiap penilai; bila jumlah penilai genap, diambil yang lebih rendah dari dua nilai tengah.
onsite-recap-line = { $code } { $label }: { $score }
onsite-recap-line-none = { $code } { $label }: belum dinilai
onsite-recap-line-withheld = { $code } { $label }: { $count } penilai lain sudah menilai; nilai mereka tampil setelah Anda menilai indikator ini
onsite-recap-entry =   • { $by }: { $score }
onsite-recap-by-named = { $agency } ({ $name })
onsite-recap-override = otomatis { $automatic }, alasan: { $reason }
onsite-recap-note = catatan: { $note }
## issue 15: evidence
command-bukti = Foto bukti kegiatan dan indikator RT
command-paketbukti = Paket bukti (PDF) RT untuk tim penilai
evidence-choose-rt = Foto bukti untuk RT yang mana?
evidence-rt-button = RT { $rt } { $kelurahan }
evidence-ask-target = 📷 Foto bukti RT { $rt } Kelurahan { $kelurahan }. Foto ini bukti untuk apa?
button-evidence-event = 🧹 Kegiatan RT (gotong royong, rapat, …)
button-evidence-ronda = 🔦 Malam ronda
button-evidence-indicator = 📋 Indikator Kampung BANTAR
evidence-choose-dimension = Indikator kelompok mana?
evidence-choose-indicator = Pilih indikatornya:
evidence-indicator-button = { $code } { $label }
evidence-choose-event = Pilih kegiatannya (14 hari terakhir dan 7 hari ke depan):
evidence-choose-ronda = Pilih malam rondanya (14 hari terakhir dan 7 hari ke depan):
evidence-no-event = Tidak ada kegiatan RT dalam 14 hari terakhir dan 7 hari ke depan. Buat kegiatan dengan /acara, atau kirim /bukti lalu pilih indikator.
evidence-no-ronda = Tidak ada jadwal ronda dalam 14 hari terakhir dan 7 hari ke depan. Atur ronda dengan /ronda, atau kirim /bukti lalu pilih indikator.
evidence-occurrence-button = { $kind }, { $when }
button-evidence-done = ✅ Selesai
evidence-ask-photos =
    Kirim foto untuk { $target } (boleh beberapa sekaligus, paling banyak { $max } foto). Keterangan boleh ditulis di kolom keterangan foto (paling banyak { $captionMax } karakter).
    Setelah semua terkirim, tekan Selesai.
evidence-photo-taken = 📷 Foto ke-{ $count } diterima. Kirim foto lain, atau tekan Selesai.
evidence-photo-taken-caption = 📷 Foto ke-{ $count } diterima beserta keterangannya. Kirim foto lain, atau tekan Selesai.
evidence-photo-repeat = Foto ini sudah diterima tadi; tidak disimpan dua kali. Sudah ada { $count } foto.
evidence-photo-limit = Sudah { $max } foto, batas satu kali kirim. Tekan Selesai untuk menyimpan, lalu kirim /bukti lagi untuk foto berikutnya.
evidence-caption-too-long = Keterangan foto ini terlalu panjang (paling banyak { $max } karakter). Foto ini belum diterima: kirim lagi dengan keterangan yang lebih pendek.
evidence-not-photo = Mohon kirim foto (bukan teks), lalu tekan Selesai. Kirim /batal untuk berhenti.
evidence-not-photo-sticker = Stiker bukan foto bukti. Mohon kirim foto kegiatannya.
evidence-not-photo-video = Video belum bisa disimpan sebagai bukti. Mohon kirim foto.
evidence-not-photo-image-file = Gambar ini terkirim sebagai berkas. Mohon kirim sebagai foto (pilih "Foto", bukan "Berkas").
evidence-not-photo-document = Berkas ini bukan foto. Mohon kirim foto kegiatannya.
evidence-done-empty = Belum ada foto. Kirim paling sedikit satu foto, lalu tekan Selesai.
evidence-ask-caption = { $count } foto belum berketerangan. Tulis satu keterangan singkat untuk foto-foto itu (paling banyak { $max } karakter), atau tekan Lewati.
evidence-cancelled = Dibatalkan. { $count } foto tidak disimpan.
evidence-saved = ✅ { $count } foto disimpan sebagai bukti { $target } (RT { $rt } { $kelurahan }).
evidence-done-stale = Isian foto ini sudah selesai. Kirim /bukti untuk menambah foto.
evidence-target-indicator = indikator { $code } { $label }
evidence-target-occurrence = { $kind }, { $when }
evidence-overview-empty = Belum ada foto bukti untuk RT { $rt } Kelurahan { $kelurahan }.
evidence-overview-title = 🗂 Foto bukti RT { $rt } Kelurahan { $kelurahan }: { $total } foto
evidence-overview-count = • { $target }: { $count } foto
evidence-overview-latest = Foto terbaru:
evidence-overview-item = { $n }. { $target } — { $caption } ({ $by }, { $at })
evidence-no-caption = tanpa keterangan
button-evidence-remove = 🗑 Hapus { $n }
evidence-removed = 🗑 Foto bukti { $target } (dikirim { $at }) dihapus.
evidence-already-removed = Foto ini sudah dihapus.
error-evidence-no-photos = Belum ada foto untuk disimpan.
error-evidence-too-many = Terlalu banyak foto sekaligus (paling banyak { $max }).
error-evidence-caption-too-long = Keterangan foto terlalu panjang (paling banyak { $max } karakter).
error-evidence-not-found = Foto bukti itu tidak ditemukan.
error-evidence-no-round = Putaran penilaian itu tidak ditemukan.
pack-no-round = Belum ada putaran penilaian Kampung BANTAR.
pack-no-rt = Tidak ada RT yang paket buktinya bisa Anda minta untuk putaran { $year }.
pack-choose-rt = Paket bukti putaran { $year }: pilih RT ({ $count } RT).
pack-rt-button = RT { $rt } { $kelurahan }
pack-preparing = ⏳ Paket bukti RT { $rt } Kelurahan { $kelurahan } sedang disiapkan…
pack-caption = 📦 Paket bukti RT { $rt } Kelurahan { $kelurahan }: { $pages } halaman, { $photos } foto.
pack-caption-missing = 📦 Paket bukti RT { $rt } Kelurahan { $kelurahan }: { $pages } halaman, { $photos } foto ({ $missing } foto tidak dapat diambil dari Telegram).
pack-title = Paket bukti RT { $rt } { $kelurahan } { $year }
pack-cover-title = Paket Bukti Kampung BANTAR
pack-cover-rt = RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
pack-cover-round = Putaran penilaian: { $year }
pack-cover-households = Jumlah KK: { $households }
pack-cover-category = Kategori: { $category } (hadiah { $award })
pack-cover-made = Dibuat: { $at }
pack-cover-photos = Foto bukti: { $count }
pack-scorecard-title = Kartu nilai (21 indikator)
pack-scorecard-summary = Nilai total: { $overall }/{ $max } · { $missing } belum dinilai
pack-scorecard-team = Nilai tim penilai: { $total }/{ $max } dari { $assessors } penilai · { $unscored } indikator belum dinilai tim
pack-dimension = { $dimension }: { $total }/{ $max }
pack-indicator-auto = { $code } { $label }: { $score } (otomatis dari catatan kegiatan)
pack-indicator-manual = { $code } { $label }: { $score } (dinilai koordinator)
pack-indicator-unscored = { $code } { $label }: belum dinilai
pack-manual-note = Catatan: { $note }
pack-team-score = Tim penilai: { $combined } (nilai tiap penilai: { $scores })
pack-participation-title = Partisipasi di balik indikator otomatis ({ $weeks } minggu terakhir, per bulan)
pack-participation-kind = { $kind }: { $months }
pack-ledgers-title = Buku bank sampah dan pojok baca ({ $weeks } minggu terakhir)
pack-ledger-bank = Bank sampah warga RT: { $deposits } setoran, { $kg } kg, { $rupiah }
pack-ledger-reading = Pojok baca: { $sessions } sesi ({ $attendees } kehadiran), { $loans } peminjaman buku
pack-photos-title = Foto bukti ({ $count })
pack-photos-none = Belum ada foto bukti.
pack-photo-missing = foto tidak dapat diambil
pack-photo-no-caption = (tanpa keterangan)
pack-photo-added = Dikirim oleh { $name }, { $at }
pack-photo-indicator = Indikator { $code } { $label }
pack-photo-occurrence = { $kind }, { $day }
pack-photo-other = Lainnya
error-role-admin-ketua_rt-koordinator-petugas = Maaf, foto bukti hanya bisa dihapus oleh yang mengirimnya, ketua RT, koordinator, atau admin kota.
## issue 15: team
command-timpenilai = Tim penilai putaran ini: buat tautan, lihat, cabut
command-kunjungan = Jadwal kunjungan tim penilai ke RT yang diusulkan
command-tugaspenilaian = RT yang saya nilai di putaran ini
error-round-not-open = Belum ada putaran penilaian yang berjalan (atau putaran ini sudah diputuskan).
error-team-scope-empty = Pilih paling sedikit satu kecamatan atau satu RT untuk anggota tim ini.
error-team-already-on = Anda sudah menjadi anggota tim penilai putaran ini. Lihat RT Anda dengan /tugaspenilaian.
error-team-member-not-found = Anggota tim itu tidak ditemukan. Kirim /timpenilai untuk daftar terbaru.
error-visit-rt-not-proposed = RT ini tidak diusulkan di putaran ini, jadi tidak ada kunjungan untuknya.
error-visit-outside-period = Tanggal itu di luar masa kunjungan ({ $from } sampai { $to }).
error-visit-not-found = Kunjungan itu tidak ditemukan. Kirim /kunjungan untuk daftar terbaru.
team-scope-kecamatan = semua RT yang diusulkan di Kec. { $name }
team-scope-rt = RT { $rt } { $kelurahan }
team-scope-none = belum ada
team-ask-agency = Tautan tim penilai putaran { $year }. Dari instansi mana anggota ini?
team-agency-chosen = Instansi: { $agency }
team-ask-scope =
    Cakupan penilaian: { $scope }.
    Tambah kecamatan (semua RT yang diusulkan di kecamatan itu) atau RT tertentu, lalu tekan Selesai.
team-choose-kecamatan = Pilih kecamatan:
team-choose-kelurahan = Kecamatan { $kecamatan }. Pilih kelurahan:
team-choose-rt = Kelurahan { $kelurahan }. Pilih RT:
team-no-rt = Belum ada RT terdaftar di Kelurahan { $kelurahan }.
team-link-made =
    Tautan tim penilai putaran { $year } ({ $agency }) untuk: { $scope }.
    { $link }
    Berikan kepada satu orang saja: tautan ini sekali pakai dan berlaku sampai { $expires }.
team-join-intro = Tautan ini menjadikan Anda anggota tim penilai Kampung BANTAR putaran { $year } ({ $agency }) untuk: { $scope }.
team-join-summary =
    Bergabung dengan tim penilai putaran { $year } sebagai { $addressed }?
    Instansi: { $agency }
    Cakupan: { $scope }
team-join-done = Selamat bergabung, { $addressed }. Anda anggota tim penilai putaran { $year } ({ $agency }). Lihat RT yang Anda nilai dan jadwal kunjungannya dengan /tugaspenilaian.
team-list-title = Tim penilai putaran { $year }: { $count } orang.
team-list-line = { $n }. { $name } · { $agency } · { $scope } · bergabung { $joined }
team-list-empty = Belum ada anggota. Buat tautan untuk setiap anggota dengan tombol di bawah.
team-revoked = { $name } tidak lagi menjadi anggota tim penilai.
team-revoked-already = { $name } sudah tidak menjadi anggota tim penilai.
button-team-add-kecamatan = ➕ Kecamatan
button-team-add-rt = ➕ RT
button-team-done = ✅ Selesai
button-team-revoke = Cabut: { $name }
button-team-new-link = ➕ Buat tautan anggota tim
button-visit-schedule = 🗓 Jadwalkan
button-visit-move = 🗓 Pindahkan
button-visit-cancel = ✖ Batalkan kunjungan
button-visit-rt = RT { $rt } · { $kelurahan }
visit-not-scheduled = belum dijadwalkan
visit-list-title = Kunjungan tim penilai putaran { $year }: { $count } RT diusulkan, { $scheduled } sudah dijadwalkan.
visit-list-line = • RT { $rt } { $kelurahan } ({ $kecamatan }): { $when }
visit-list-empty = Belum ada RT yang diusulkan di wilayah Anda pada putaran ini.
visit-list-open = Tekan RT untuk menjadwalkan, memindahkan, atau membatalkan kunjungannya.
visit-rt-card =
    RT { $rt } { $kelurahan } ({ $kecamatan })
    Kunjungan: { $when }
    Masa kunjungan putaran ini: { $from } sampai { $to }.
visit-ask-when = Kapan tim berkunjung ke RT { $rt } { $kelurahan }? Tulis tanggal dan jamnya antara { $from } dan { $to }, misalnya "{ $example }".
visit-outside-period-ask = { $when } di luar masa kunjungan ({ $from } sampai { $to }). Tulis tanggal lain.
visit-schedule-ask = Jadwalkan kunjungan ke RT { $rt } { $kelurahan } pada { $when }? Ketua RT dan tim penilai akan diberi tahu.
visit-move-ask = Pindahkan kunjungan ke RT { $rt } { $kelurahan } dari { $before } ke { $when }? Ketua RT dan tim penilai akan diberi tahu.
visit-cancel-ask = Batalkan kunjungan ke RT { $rt } { $kelurahan } pada { $when }? Ketua RT dan tim penilai akan diberi tahu.
visit-scheduled = ✅ Kunjungan ke RT { $rt } { $kelurahan } dijadwalkan pada { $when }. Ketua RT dan tim penilai diberi tahu.
visit-moved = ✅ Kunjungan ke RT { $rt } { $kelurahan } dipindahkan ke { $when }. Ketua RT dan tim penilai diberi tahu.
visit-cancelled = Kunjungan ke RT { $rt } { $kelurahan } pada { $when } dibatalkan. Ketua RT dan tim penilai diberi tahu.
visit-cancelled-already = Kunjungan ke RT { $rt } { $kelurahan } pada { $when } sudah dibatalkan sebelumnya.
worklist-title = RT yang Anda nilai di putaran { $year }: { $count } RT.
worklist-line = • RT { $rt } { $kelurahan }: kunjungan { $when } · { $scored }/{ $total } indikator sudah Anda nilai
worklist-empty = Belum ada RT yang diusulkan dalam cakupan Anda.
## issue 15: keeping
command-nilaimandiri = Penilaian mandiri RT Anda (setiap triwulan)
command-kunjunganulang = Jadwalkan kunjungan penilaian ulang pemegang gelar
error-reassess-not-holder = RT { $rt } Kelurahan { $kelurahan } belum memegang gelar Kampung BANTAR, jadi tidak ada penilaian ulang.
error-reassess-time-past = Waktu kunjungan itu sudah lewat. Tulis waktu yang akan datang, misalnya "Sabtu 09.00".
error-selfassess-not-own-rt = Penilaian mandiri hanya untuk RT yang Anda pimpin sebagai ketua.
decline-notice-title = ⚠️ { $name }, RT { $rt } Kelurahan { $kelurahan } menurun sejak penghargaan ({ $awarded }):
decline-notice-footer = Rincian ada di /skor. Koordinator dapat menjadwalkan kunjungan penilaian ulang (/kunjunganulang).
decline-line-indicator = • { $code } { $label }: { $before } → { $now }
decline-line-households = • rumah tangga ikut: { $before } → { $now } (turun { $percent }%)
decline-suggestion-title = Saran:
decline-suggestion-indicator = • { $code }: { $rubric }
decline-suggestion-households = • Ajak kembali rumah tangga yang dulu ikut: umumkan jadwal kegiatan berikutnya dan datangi yang lama tidak hadir.
decline-skor-title = ⚠️ Menurun sejak penghargaan ({ $awarded }):
selfassess-invite = 📋 { $name }, saatnya penilaian mandiri triwulan { $quarter } { $year }. Nilai RT Anda sendiri pada 21 indikator dengan panduan yang sama dengan tim penilai; hasilnya tampil di samping nilai resmi. Kirim /nilaimandiri atau tekan tombol di bawah.
button-selfassess-open = 📋 Mulai penilaian mandiri
selfassess-intro = Penilaian mandiri triwulan { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }. Pilih 2, 1 atau 0 untuk tiap indikator sesuai keadaan RT sekarang. Jawaban tersimpan setiap kali Anda menekan nilai.
selfassess-intro-resume = Melanjutkan penilaian mandiri triwulan { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }: { $answered } dari { $total } indikator sudah dinilai. Mulai dari { $code }.
selfassess-step = { $index }/{ $total } · { $code } { $indicator }
selfassess-rubric =
    2 = { $rubric2 }
    1 = { $rubric1 }
    0 = { $rubric0 }
selfassess-step-hint = Menurut catatan kegiatan di bot: { $level }
selfassess-step-current = Jawaban Anda triwulan ini: { $score }
selfassess-step-note = Catatan: { $note }
selfassess-ask-note = Tulis catatan untuk { $code } (paling banyak { $max } huruf), misalnya "bak sampah baru dipasang di gang 3". Catatan disimpan bersama nilai yang Anda pilih berikutnya.
button-selfassess-note = 📝 Catatan
button-selfassess-skip = Lewati
button-selfassess-back = ◀️ Kembali
button-selfassess-done = Selesai
button-selfassess-no-note = Tanpa catatan
selfassess-compare-title = Penilaian mandiri triwulan { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }
selfassess-compare-summary = { $answered } dari { $total } indikator dinilai; { $differing } berbeda dari nilai resmi atau catatan bot (ditandai ⚠️).
selfassess-compare-legend = Urutan: resmi · mandiri · catatan bot (— belum ada)
selfassess-compare-line = { $code } { $label }: { $official } · { $self } · { $automatic }
selfassess-compare-line-differs = ⚠️ { $code } { $label }: { $official } · { $self } · { $automatic }
reassess-none = Belum ada RT pemegang gelar Kampung BANTAR di wilayah Anda.
reassess-choose-rt = Pilih RT pemegang gelar yang akan dinilai ulang (⚠️ menurun sejak penghargaan, 📉 partisipasi menurun):
reassess-rt-button = RT { $rt } { $kelurahan }
reassess-rt-button-declining = ⚠️ RT { $rt } { $kelurahan }
reassess-rt-button-fading = 📉 RT { $rt } { $kelurahan }
reassess-ask-when = Kapan kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan }? Tulis tanggal dan jam WIB, misalnya "Sabtu 09.00" atau "12/12 09.00".
reassess-confirm = Jadwalkan kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } pada { $when }? Ketua RT akan diberi tahu.
reassess-saved = ✅ Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } dijadwalkan pada { $when }. Ketua RT sudah diberi tahu.
reassess-already-saved = Kunjungan ini sudah dijadwalkan.
reassess-notice-ketua = 📅 { $name }, tim akan datang untuk penilaian ulang RT { $rt } Kelurahan { $kelurahan } pada { $when }. Siapkan kegiatan dan catatan RT seperti saat penilaian dulu.
## issue 15: rounds
command-putaran = Putaran penilaian Kampung BANTAR: daftar dan buka putaran baru
command-usulkan = Usulkan RT di wilayah Anda untuk putaran penilaian
command-penilaian = Yang akan dilihat tim penilai di RT: tanggal, kunjungan, 21 indikator
round-list-title = 🗓 Putaran penilaian Kampung BANTAR
round-list-empty = Belum ada putaran penilaian. Tekan tombol di bawah untuk membuka putaran tahun ini.
round-list-line = • { $year } · { $phase }
    Usulan sampai { $deadline } · kunjungan { $from } – { $to } · keputusan { $decision }
    Diusulkan { $proposed } RT · dikunjungi { $visited } · ditetapkan { $decided }
round-phase-proposals = menerima usulan
round-phase-preparing = persiapan kunjungan
round-phase-visits = masa kunjungan tim
round-phase-deciding = menunggu keputusan
round-phase-decided = sudah diputuskan
round-button-new = ➕ Buka putaran baru
round-button-edit = ✏️ { $field }
round-field-year = Tahun
round-field-proposal-deadline = Batas usulan
round-field-visit-from = Awal kunjungan
round-field-visit-to = Akhir kunjungan
round-field-decision-on = Tanggal keputusan
round-ask-year = Putaran penilaian untuk tahun berapa? Tulis tahunnya, misalnya "2027".
round-ask-proposal-deadline = Sampai tanggal berapa koordinator boleh mengusulkan RT? Misalnya "30 April 2027" atau "30/4/2027".
round-ask-visit-from = Kunjungan tim penilai mulai tanggal berapa? Misalnya "1 Juni 2027" atau "1/6/2027".
round-ask-visit-to = Kunjungan tim penilai selesai tanggal berapa? Misalnya "31 Juli 2027" atau "31/7/2027".
round-ask-decision-on = Keputusan (SK) direncanakan tanggal berapa? Misalnya "17 Agustus 2027" atau "17/8/2027".
round-date-read = ✔️ { $field }: { $date }
round-summary = Periksa putaran penilaian ini:
    • Tahun: { $year }
    • Batas usulan: { $deadline }
    • Kunjungan tim: { $from } – { $to }
    • Keputusan: { $decision }
    Tekan "Simpan" jika sudah benar, atau ubah salah satunya.
round-saved = ✅ Putaran penilaian { $year } dibuka. Koordinator dapat mengusulkan RT sampai { $deadline }. { $told } koordinator sudah diberi tahu.
round-already-saved = Putaran penilaian { $year } sudah tersimpan.
round-opened-notice = 📣 { $name }, putaran penilaian Kampung BANTAR { $year } dibuka.
    Usulkan RT di wilayah Anda sampai { $deadline } lewat /usulkan (RT yang sudah bergelar Kampung BANTAR tidak diusulkan lagi).
    Kunjungan tim penilai: { $from } – { $to }.
round-none = Belum ada putaran penilaian yang dibuka. Admin DPMPPA membukanya lewat /putaran.
round-category-besar = Besar
round-category-sedang = Sedang
round-category-kecil = Kecil
input-round-year-unrecognised = Tulis tahunnya dengan 4 angka, misalnya "2027".
input-round-year-out-of-range = Putaran hanya bisa dibuka untuk tahun { $from } sampai { $to }.
input-round-year-taken = Putaran penilaian { $year } sudah ada: satu putaran untuk setiap tahun. Tulis tahun lain, atau kirim /batal.
input-round-date-before = Tanggal ini tidak boleh sebelum { $other } ({ $date }). Tulis tanggal lain.
input-round-date-after = Tanggal ini tidak boleh sesudah { $other } ({ $date }). Tulis tanggal lain.
input-round-date-not-after = Tanggal ini harus sesudah { $other } ({ $date }): kunjungan tim dimulai setelah usulan ditutup. Tulis tanggal lain.
input-round-date-not-before = Tanggal ini harus sebelum { $other } ({ $date }): usulan ditutup sebelum kunjungan tim dimulai. Tulis tanggal lain.
error-round-not-found = Putaran penilaian itu tidak ditemukan.
error-round-none = Belum ada putaran penilaian yang dibuka.
error-round-year-exists = Putaran penilaian { $year } sudah ada: satu putaran untuk setiap tahun.
error-round-year-out-of-range = Putaran penilaian { $year } tidak bisa dibuka sekarang.
error-round-dates-order = Urutan tanggal harus: batas usulan, awal kunjungan, akhir kunjungan, lalu keputusan.
error-round-deadline-past = Batas usulan sudah lewat. Pilih tanggal yang akan datang.
error-round-proposals-closed = Masa usulan sudah berakhir pada { $deadline }. Usulan tidak bisa dibuat atau ditarik lagi.
error-proposal-not-found = Usulan itu tidak ditemukan.
error-proposal-holder = RT { $rt } sudah bergelar Kampung BANTAR: RT yang sudah memegang gelar tidak diusulkan lagi.
proposal-readiness-line = RT { $rt } { $kelurahan } · { $households } KK ({ $category }) · otomatis { $good }/{ $automatic } baik · { $unscored } belum dinilai
proposal-line-open = ▫️ { $line }
proposal-line-proposed = ✅ { $line } · diusulkan
proposal-line-holder = 🏆 { $line } · sudah bergelar
proposal-board-title = 📝 Usulan RT untuk penilaian Kampung BANTAR { $year } (sampai { $deadline }): { $proposed } dari { $count } RT diusulkan.
proposal-board-closed = 📝 Usulan RT untuk penilaian Kampung BANTAR { $year }: { $proposed } dari { $count } RT diusulkan. Masa usulan sudah berakhir pada { $deadline }.
proposal-board-empty = Belum ada RT di wilayah Anda.
proposal-button-add = ➕ Usulkan RT { $rt }
proposal-button-withdraw = ↩️ Tarik usulan RT { $rt }
proposal-done = RT { $rt } diusulkan untuk penilaian { $year }. Ketua RT sudah diberi tahu.
proposal-already = RT { $rt } sudah diusulkan untuk penilaian { $year }.
proposal-withdrawn = Usulan RT { $rt } untuk penilaian { $year } ditarik.
proposal-already-withdrawn = Usulan RT { $rt } sudah ditarik.
proposal-ketua-notice = 📣 { $name }, RT { $rt } { $kelurahan } diusulkan untuk penilaian Kampung BANTAR { $year }.
    Tim penilai akan berkunjung antara { $from } dan { $to }; tanggalnya diberitahukan kemudian.
    Lihat apa yang akan dinilai tim lewat /penilaian.
proposal-withdrawn-notice = { $name }, usulan RT { $rt } { $kelurahan } untuk penilaian Kampung BANTAR { $year } ditarik oleh koordinator.
proposal-withdrawn-visit-cancelled = Kunjungan tim penilai yang dijadwalkan { $when } ikut dibatalkan.
preview-title = 🔎 Penilaian Kampung BANTAR — RT { $rt } Kel. { $kelurahan }, Kec. { $kecamatan }
preview-no-round = Belum ada putaran penilaian yang dibuka.
preview-round = Putaran { $year } ({ $phase }): usulan sampai { $deadline }, kunjungan tim { $from } – { $to }, keputusan { $decision }.
preview-proposed = ✅ RT ini diusulkan untuk penilaian { $year }.
preview-not-proposed = ▫️ RT ini belum diusulkan untuk penilaian { $year }.
preview-holder = 🏆 RT ini sudah bergelar Kampung BANTAR.
preview-visit = 📅 Kunjungan tim: { $when }
preview-visit-none = 📅 Tanggal kunjungan tim belum dijadwalkan.
preview-summary = { $households } KK ({ $category }) · otomatis { $good }/{ $automatic } baik · { $unscored } belum dinilai
preview-dimension = ▪️ { $dimension }
preview-indicator-auto = { $code } { $label }: { $score } (otomatis)
preview-indicator-manual = { $code } { $label }: { $score }
preview-indicator-unscored = { $code } { $label }: belum dinilai
preview-explain = { "   " }↳ { $explanation }
preview-rubric = { "   " }🎯 Nilai 2: { $rubric }
preview-choose = Pilih RT untuk melihat apa yang akan dinilai tim ({ $proposed } dari { $count } RT diusulkan):
preview-button = RT { $rt } { $kelurahan }
preview-button-proposed = ✅ RT { $rt } { $kelurahan }
input-round-date-unrecognised = Maaf, tanggal itu tidak saya kenali. Tulis misalnya "30 April 2027" atau "30/4/2027".
input-round-date-past = Tanggal itu sudah lewat. Tulis tanggal yang akan datang, misalnya "30/4/2027".
## issue 15: award
command-keputusan = Catat keputusan (SK) pemenang Kampung BANTAR
command-kencana = Pemegang gelar menuju Kampung BANTAR Kencana
award-category-besar = Besar
award-category-sedang = Sedang
award-category-kecil = Kecil
award-title-bantar = 🏆 Kampung BANTAR { $year } ({ $category })
award-title-kencana = 🏅 Kampung BANTAR Kencana { $year }
award-no-round = Belum ada putaran penilaian yang dibuka.
award-no-candidates = Belum ada RT yang diusulkan di putaran { $year }. Tidak ada yang bisa diputuskan.
award-early-warning =
    ⚠️ Kunjungan tim penilai putaran { $year } masih berlangsung sampai { $until }. Rekap nilai bisa masih berubah.
    Lanjutkan mencatat keputusan sekarang?
award-button-early = Ya, lanjutkan
award-list-title = 🏆 Keputusan putaran { $year }: { $count } RT diusulkan, { $chosen } dipilih sebagai pemenang.
award-list-category = Kategori { $category } (uang pembinaan { $award })
award-line = { $mark } RT { $rt } { $kelurahan } (Kec. { $kecamatan }): { $total }, { $assessors } penilai, { $households } KK
award-line-kk-changed = { $mark } RT { $rt } { $kelurahan } (Kec. { $kecamatan }): { $total }, { $assessors } penilai, { $households } KK (saat diusulkan { $proposed } KK)
award-line-holder = sudah memegang gelar Kampung BANTAR, tidak bisa menang lagi
award-list-empty-filter = Tidak ada RT usulan di kategori ini.
award-list-help = Ketuk RT untuk menandai atau membatalkan pemenang, lalu ketuk Lanjut.
award-toggle-label = RT { $rt } { $kelurahan }
award-filter-all = Semua
award-filter-besar = Besar
award-filter-sedang = Sedang
award-filter-kecil = Kecil
award-button-next = Lanjut ({ $chosen } dipilih) ➡️
award-choose-one = Pilih minimal satu RT pemenang dulu, lalu ketuk Lanjut.
award-ask-sk-number = Ketik nomor SK Wali Kota tentang pemenang, misalnya 188.45/123/HK/2027 (paling banyak { $max } karakter).
award-ask-sk-date = Tanggal SK? Misalnya 17/8/2027, 17 Agustus 2027, atau ketuk Hari ini.
award-summary-title = Ringkasan keputusan putaran { $year }, SK { $sk } tanggal { $date }:
award-summary-category = Kategori { $category }: { $count } RT × { $each } = { $rupiah }
award-summary-rt = • RT { $rt } { $kelurahan } (Kec. { $kecamatan }), { $households } KK
award-summary-total = Jumlah: { $count } RT, uang pembinaan { $rupiah }.
award-summary-ask = Simpan keputusan ini? Setelah disimpan, keputusan tidak bisa diubah lewat bot.
award-button-confirm = ✅ Simpan keputusan
award-saved = ✅ Keputusan putaran { $year } (SK { $sk }) tersimpan: { $count } RT meraih gelar, uang pembinaan { $rupiah }. Ketua RT, warga, dan koordinator diberi tahu.
award-already-saved = Keputusan putaran { $year } (SK { $sk }) sudah tersimpan.
award-notice-ketua = 🏆 Selamat, { $name }! RT { $rt } { $kelurahan } meraih gelar Kampung BANTAR { $year }, kategori { $category }, uang pembinaan { $award }. SK { $sk } tanggal { $date }. Terima kasih atas kerja sama seluruh warga; jaga terus semangatnya.
award-notice-resident = 🏆 Kabar gembira, { $name }: RT { $rt } { $kelurahan } meraih gelar Kampung BANTAR { $year }, kategori { $category } (SK { $sk } tanggal { $date }). Terima kasih atas partisipasi Anda!
award-notice-area = 🏆 { $name }, keputusan Kampung BANTAR { $year } sudah ditetapkan (SK { $sk } tanggal { $date }). Di wilayah Anda { $won } dari { $proposed } RT usulan meraih gelar:
award-notice-area-line = • RT { $rt } { $kelurahan } (Kec. { $kecamatan }), kategori { $category }, { $award }
award-notice-area-none = Belum ada RT usulan di wilayah Anda yang meraih gelar kali ini.
error-award-round-not-found = Putaran penilaian itu tidak ditemukan.
error-award-round-decided = Putaran { $year } sudah diputuskan (SK { $sk }). Keputusan tidak bisa dicatat dua kali.
error-award-too-early = Putaran { $year } belum sampai masa kunjungan: belum ada RT yang dinilai, jadi keputusan belum bisa dicatat.
error-award-sk-number-invalid = Nomor SK tidak valid. Gunakan huruf, angka, titik, garis miring, atau tanda hubung.
error-award-sk-date-future = Tanggal SK tidak boleh melewati hari ini.
error-award-sk-date-before-visits = Tanggal SK tidak boleh sebelum masa kunjungan putaran ini dimulai.
error-award-no-winners = Pilih minimal satu RT pemenang.
error-award-not-proposed = Ada RT terpilih yang tidak (lagi) diusulkan di putaran ini. Keputusan belum disimpan; kirim /keputusan lagi.
error-award-already-holder = RT { $rt } { $kelurahan } sudah memegang gelar Kampung BANTAR dan tidak bisa meraihnya lagi.
error-award-category-changed = Jumlah KK RT { $rt } { $kelurahan } berubah menjadi { $households } KK sejak daftar ditampilkan, sehingga kategorinya berubah. Tidak ada yang disimpan: buka /keputusan lagi untuk melihat daftar terbaru.
input-award-sk-number-characters = Nomor SK hanya boleh berisi huruf, angka, spasi, titik, garis miring, tanda hubung, dan kurung, dan harus memuat angka. Contoh: 188.45/123/HK/2027
input-award-sk-date-future = Tanggal SK tidak boleh melewati hari ini. Ketik tanggal penandatanganan SK, misalnya 17/8/2027.
input-award-sk-date-too-old = Tanggal itu lebih dari { $days } hari yang lalu. Ketik tanggal SK yang benar, misalnya 17/8/2027.
kencana-title = 🏅 Pemegang gelar Kampung BANTAR: { $count } RT, { $eligible } memenuhi syarat Kampung BANTAR Kencana.
kencana-holder = RT { $rt } { $kelurahan } (Kec. { $kecamatan }): Kampung BANTAR { $year }, { $category }
kencana-holder-eligible = ✅ RT { $rt } { $kelurahan } (Kec. { $kecamatan }): Kampung BANTAR { $year }, { $category }, layak Kencana
kencana-req-line-met =   ✔️ { $requirement } { $note }
kencana-req-line-unmet =   ✖️ { $requirement } { $note }
kencana-req-line-unknown =   ❔ { $requirement }: belum dicatat
kencana-lacks =   Belum: { $reasons }
kencana-shortfall-held-under-a-year = gelar belum dipegang satu tahun penuh
kencana-shortfall-fading = partisipasi sedang menurun
kencana-shortfall-already-kencana = sudah bergelar Kencana
kencana-shortfall-requirements-unmet = ada syarat yang belum terpenuhi
kencana-rule = Syarat Kencana: memegang gelar Kampung BANTAR minimal satu tahun penuh, partisipasi tidak sedang menurun, dan semua syarat tambahan terpenuhi.
kencana-none = Belum ada RT pemegang gelar Kampung BANTAR di wilayah Anda.
kencana-button-record = 📝 Catat syarat Kencana
kencana-choose-rt = Pilih RT pemegang gelar:
kencana-choose-requirement = Syarat mana yang dicatat untuk RT { $rt } { $kelurahan }?
kencana-req-rumah_restorative_justice = Rumah restorative justice
kencana-req-bank_sampah_aktif = Bank sampah aktif dan terbuka pembukuannya
kencana-req-pojok_baca_aktif = Pojok baca aktif untuk anak-anak
kencana-ask-met = { $requirement } di RT { $rt } { $kelurahan }: sudah terpenuhi?
kencana-button-met = ✔️ Terpenuhi
kencana-button-unmet = ✖️ Belum
kencana-ask-note = Catatan singkat (paling banyak { $max } karakter), misalnya "rumah RJ di balai RT, diresmikan Maret", atau ketuk Lewati.
kencana-saved-met = ✅ Tercatat: { $requirement } di RT { $rt } { $kelurahan } terpenuhi.
kencana-saved-unmet = ✅ Tercatat: { $requirement } di RT { $rt } { $kelurahan } belum terpenuhi.
kencana-button-award = 🏅 Tetapkan Kencana
kencana-award-none = Belum ada RT yang layak Kampung BANTAR Kencana.
kencana-award-choose-rt = Pilih RT yang ditetapkan sebagai Kampung BANTAR Kencana:
kencana-award-summary = Tetapkan RT { $rt } { $kelurahan } (Kec. { $kecamatan }) sebagai Kampung BANTAR Kencana dengan SK { $sk } tanggal { $date }? Ketua RT akan diberi tahu.
kencana-award-saved = 🏅 Tersimpan: RT { $rt } { $kelurahan } kini Kampung BANTAR Kencana (SK { $sk }, { $date }). Ketua RT sudah diberi tahu.
kencana-award-already-saved = Penetapan Kencana ini sudah tersimpan.
error-kencana-requirement-unknown = Syarat Kencana itu tidak dikenal.
error-kencana-note-invalid = Catatan tidak valid (paling banyak { $max } karakter).
error-kencana-not-holder = RT ini belum memegang gelar Kampung BANTAR, jadi syarat Kencana belum dicatat.
error-kencana-not-eligible = RT ini belum memenuhi syarat Kampung BANTAR Kencana (lihat /kencana).
award-notice-kencana = 🏅 Selamat, { $name }! RT { $rt } { $kelurahan } meraih gelar Kampung BANTAR Kencana. SK { $sk } tanggal { $date }.
## issue 15: koordinator
command-belumdinilai = Indikator yang belum dinilai di RT wilayah Anda, RT usulan lebih dulu
command-nilaisemua = Nilai semua indikator yang belum dinilai untuk satu RT sekaligus
command-rekap = Rekap Kampung BANTAR per kecamatan: usulan, kunjungan, pemenang, pemegang gelar (teks, grafik, Excel)
bulk-intro = 📝 Nilai semua yang belum — RT { $rt } { $kelurahan }: { $count } dari { $total } indikator belum dinilai. Satu per satu akan ditampilkan dengan rubriknya; ketuk 2, 1 atau 0 (atau Lewati). Bila perlu catatan, ketik dulu catatannya lalu ketuk nilainya.
    Kapan RT ini dinilai? Tekan Hari ini, atau tulis tanggalnya, misalnya "kemarin" atau "20/11".
bulk-none-left = ✅ Semua { $total } indikator yang dinilai koordinator di RT { $rt } { $kelurahan } sudah punya nilai. Untuk mengubah satu nilai, kirim /nilai.
bulk-indicator = ({ $position }/{ $total }) { $code } — { $indicator }
    2 (baik): { $good }
    1 (sedang): { $fair }
    0 (kurang): { $poor }
button-bulk-skip = ⏭ Lewati
button-bulk-stop = ⏹ Selesai
bulk-note-kept = 🗒 Catatan untuk { $code } disimpan bersama nilainya. Sekarang ketuk nilainya.
bulk-marked-saved = ✅ { $code } = { $score } tersimpan.
bulk-marked-saved-note = ✅ { $code } = { $score } tersimpan, dengan catatan.
bulk-marked-skipped = ⏭ { $code } dilewati, tetap belum dinilai.
bulk-marked-stopped = ⏹ Dihentikan di sini.
bulk-done = Selesai untuk RT { $rt } { $kelurahan } (dinilai { $date }): { $saved } nilai tersimpan, { $skipped } dilewati, { $remaining } indikator masih belum dinilai. Kirim /nilaisemua atau /belumdinilai untuk melanjutkan kapan saja.
bulk-already-saved = Nilai { $code } = { $score } ini sudah tersimpan. Tidak dicatat dua kali.
unscored-title = 📋 Belum dinilai: { $rts } dari { $scope } RT di wilayah Anda masih punya indikator tanpa nilai ({ $missing } indikator seluruhnya). Paling banyak yang belum di atas.
unscored-round = ⭐ = diusulkan pada putaran penilaian sekarang ({ $proposed } RT), tampil paling atas.
unscored-line = { $rank }. RT { $rt } { $kelurahan }: { $missing } belum dinilai
unscored-line-proposed = { $rank }. ⭐ RT { $rt } { $kelurahan }: { $missing } belum dinilai
unscored-open = Ketuk RT di bawah untuk menilai semua yang belum sekaligus.
unscored-button = RT { $rt } { $kelurahan } · { $missing }
unscored-button-proposed = ⭐ RT { $rt } { $kelurahan } · { $missing }
unscored-all-done = ✅ Semua indikator di { $count } RT wilayah Anda sudah dinilai.
score-total = { $overall }/{ $max }
score-total-unscored = { $overall }/{ $max } · { $missing } belum dinilai
digest-col-scored-max = Nilai maksimum (yang sudah dinilai)
digest-col-unscored = Belum dinilai
recap-title = 📊 Rekap Kampung BANTAR per kecamatan, { $date }
recap-round = Putaran penilaian { $year }
recap-round-decided = Putaran penilaian { $year } (sudah diputuskan)
recap-no-round = Belum ada putaran penilaian; angka usulan, kunjungan dan pemenang masih 0.
recap-empty = Belum ada RT terdaftar di wilayah ini.
recap-block-title = ▪️ { $name }
recap-block-round = { $rts } RT · diusulkan { $proposed } · dikunjungi { $visited } · dinilai lengkap { $scored }
recap-block-winners = Pemenang putaran ini: { $winners } (Besar { $besar }, Sedang { $sedang }, Kecil { $kecil })
recap-block-holders = Pemegang gelar Kampung BANTAR: { $holders }
recap-block-holders-fading = Pemegang gelar Kampung BANTAR: { $holders } · ⚠️ { $fading } partisipasinya menurun
recap-total-city = Kota Jambi
recap-total-area = Seluruh wilayah Anda
recap-chart-title = Rekap Kampung BANTAR per kecamatan
recap-chart-y = Jumlah RT
recap-chart-caption = 📈 RT, usulan, pemenang dan pemegang gelar per kecamatan.
recap-xlsx-caption = 📎 Rekap per kecamatan dan totalnya (Excel).
recap-sheet-kecamatan = Per kecamatan
recap-sheet-city = Kota
recap-sheet-area = Wilayah
recap-col-area = Wilayah
recap-col-rts = RT
recap-col-proposed = Diusulkan
recap-col-visited = Dikunjungi
recap-col-scored = Dinilai lengkap
recap-col-winners-besar = Pemenang Besar
recap-col-winners-sedang = Pemenang Sedang
recap-col-winners-kecil = Pemenang Kecil
recap-col-winners = Pemenang
recap-col-holders = Pemegang gelar
recap-col-fading = Pemegang gelar menurun
bulk-number-typed = Untuk memberi nilai { $code }, ketuk tombol 2, 1 atau 0 di atas. Tulisan dianggap catatan, dan angka saja tidak disimpan sebagai catatan.

## issue 15: fix rounds
error-round-previous-undecided = Putaran penilaian { $year } belum diputuskan. Catat keputusannya dengan /keputusan sebelum membuka putaran baru.
error-visit-time-past = Waktu kunjungan itu sudah lewat. Tulis waktu yang akan datang di dalam masa kunjungan.
error-kecamatan-not-found = Kecamatan tidak ditemukan.
## issue 15: fixaward
visit-notice-scheduled-ketua = { $name }, tim penilai Kampung BANTAR akan berkunjung ke RT { $rt } { $kelurahan } pada { $when }. Mohon siapkan warga dan bukti kegiatan RT.
visit-notice-scheduled-assessor = { $name }, kunjungan penilaian Anda ke RT { $rt } { $kelurahan } dijadwalkan pada { $when }. Nilai indikatornya di tempat lewat bot ini.
visit-notice-moved-ketua = { $name }, kunjungan tim penilai Kampung BANTAR ke RT { $rt } { $kelurahan } dipindahkan dari { $before } ke { $when }.
visit-notice-moved-assessor = { $name }, kunjungan penilaian Anda ke RT { $rt } { $kelurahan } dipindahkan dari { $before } ke { $when }.
visit-notice-cancelled-ketua = { $name }, kunjungan tim penilai Kampung BANTAR ke RT { $rt } { $kelurahan } pada { $when } dibatalkan. Jadwal baru akan diberitahukan.
visit-notice-cancelled-assessor = { $name }, kunjungan penilaian Anda ke RT { $rt } { $kelurahan } pada { $when } dibatalkan. Jadwal baru akan diberitahukan.
decline-area-title = ⚠️ { $name }, { $count } RT pemegang gelar di wilayah Anda menurun sejak penghargaan:
decline-area-rt = RT { $rt } Kelurahan { $kelurahan } (penghargaan { $awarded }):
## issue 15: fixevidence
pack-photos-since = Foto sejak { $from } (setahun sebelum hari kunjungan terakhir putaran ini).
pack-photos-left-out = { $count } foto lain tidak dimuat: paket memuat paling banyak { $max } foto (foto tim dan foto indikator lebih dulu, lalu yang terbaru) dan paling besar { $mb } MB.
## issue 15: fixonsite
bulk-marked-skipped-note = ⏭ { $code } dilewati, tetap belum dinilai. Catatan yang Anda ketik untuk { $code } tidak disimpan.
button-onsite-onward = Berikutnya: { $code } ▶
## issue 15: reassess
error-reassess-visit-not-found = Kunjungan penilaian ulang itu tidak ditemukan. Kirim /kunjunganulang untuk daftar terbaru.
error-reassess-visit-over = Kunjungan penilaian ulang itu sudah tiba waktunya, jadi tidak bisa dibatalkan lagi.
reassess-choose-rt-planned = Pilih RT pemegang gelar yang akan dinilai ulang (⚠️ menurun sejak penghargaan, 📉 partisipasi menurun, 📅 kunjungan sudah dijadwalkan):
reassess-rt-button-planned = 📅 { $label }
reassess-planned-card = Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } sudah dijadwalkan pada { $when }. Pindahkan ke waktu lain, atau batalkan?
reassess-move-ask-when = Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } sekarang dijadwalkan { $before }. Pindahkan ke kapan? Tulis tanggal dan jam WIB, misalnya "Sabtu 09.00" atau "12/12 09.00".
reassess-move-confirm = Pindahkan kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } dari { $before } ke { $when }? Ketua RT akan diberi tahu.
reassess-moved = ✅ Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } dipindahkan dari { $before } ke { $when }. Ketua RT sudah diberi tahu.
reassess-cancel-ask = Batalkan kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } pada { $when }? Ketua RT akan diberi tahu.
reassess-cancelled = Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } pada { $when } dibatalkan. Ketua RT sudah diberi tahu.
reassess-cancelled-already = Kunjungan penilaian ulang ke RT { $rt } Kelurahan { $kelurahan } pada { $when } sudah dibatalkan sebelumnya.
reassess-cancel-already = Kunjungan ini sudah dibatalkan.
reassess-notice-moved-ketua = 📅 { $name }, kunjungan penilaian ulang RT { $rt } Kelurahan { $kelurahan } dipindahkan dari { $before } ke { $when }. Siapkan kegiatan dan catatan RT seperti saat penilaian dulu.
reassess-notice-cancelled-ketua = { $name }, kunjungan penilaian ulang RT { $rt } Kelurahan { $kelurahan } pada { $when } dibatalkan. Bila dijadwalkan lagi, Anda akan diberi tahu.
## issue 15: fixes A
error-visit-already-held = Kunjungan itu sudah berlangsung, jadi tidak bisa dipindahkan atau dibatalkan lagi.
visit-held-card =
    RT { $rt } { $kelurahan } ({ $kecamatan })
    Kunjungan: { $when } (sudah berlangsung)
    Kunjungan yang sudah berlangsung tidak bisa dipindahkan atau dibatalkan.
visit-notice-withdrawn-assessor = { $name }, kunjungan penilaian Anda ke RT { $rt } { $kelurahan } pada { $when } dibatalkan karena usulan RT ini ditarik koordinator.
error-team-round-decided = Putaran penilaian ini sudah diputuskan, jadi anggota timnya tidak bisa dicabut lagi: rekap tim yang diputuskan tetap seperti adanya.
error-team-revoked = Keanggotaan Anda di tim penilai putaran ini sudah dicabut.
## issue 16: dashboard
app-title = Dasbor Kampung BANTAR
app-boot-opening = Membuka dasbor…
app-boot-outside = Dasbor ini hanya bisa dibuka dari dalam Telegram, lewat bot Kampung BANTAR.
app-boot-refused = Dasbor tidak bisa dibuka dengan data ini. Tutup dasbor, lalu buka lagi dari bot.
app-boot-failed = Koneksi terputus. Periksa internet Anda, lalu buka lagi dasbor dari bot.
app-signed-out = Sesi dasbor Anda sudah berakhir. Tutup dasbor, lalu buka lagi dari bot.
app-forbidden = Halaman ini di luar wilayah Anda.
app-not-found = Halaman ini tidak ada.
app-back-home = ← Beranda
app-home-greeting = Halo, { $name }!
app-home-unregistered = Anda belum terdaftar. Buka bot Kampung BANTAR dan kirim /start untuk mendaftar.
app-home-nothing = Dasbor ini untuk ketua RT, koordinator, dan admin. Perintah untuk warga ada di bot: kirim /bantuan.
app-home-my-rt = RT Anda: RT { $rt } { $kelurahan }
app-home-area-count = { $count } RT di wilayah Anda
app-home-area-empty = Belum ada RT terdaftar di wilayah Anda.
app-home-city-count = { $count } RT di seluruh kota
app-rt-name = RT { $rt } { $kelurahan }
app-rt-place = Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
app-rt-members = { $active } warga aktif, { $pending } menunggu
app-rt-has-ketua = ada ketua
app-rt-no-ketua = ⚠️ belum ada ketua
app-rt-households = { $count } KK

## issue 16: pages
app-home-ranking = 📊 Peringkat RT di wilayah Anda →
app-rts-title = Peringkat RT
app-rts-filter-kelurahan = Kelurahan
app-rts-filter-all-kelurahan = Semua kelurahan
app-rts-filter-status = Status
app-rts-filter-all-status = Semua status
app-rts-status-menurun = Menurun
app-rts-status-naik = Naik
app-rts-status-stabil = Stabil
app-rts-status-tanpa-ketua = Tanpa ketua
app-rts-status-belum-dinilai = Ada yang belum dinilai
app-rts-filter-apply = Tampilkan
app-rts-count = { $shown } dari { $total } RT ditampilkan · { $fading } menurun
app-rts-none = Tidak ada RT yang cocok dengan saringan ini.
app-rts-pick-kelurahan = Pilih kelurahan
app-rts-kelurahan-line = { $kelurahan } (Kec. { $kecamatan }): { $count } RT
app-rts-trend = tren { $trend }
app-rts-trend-fading = ⚠️ { $trend } { $percent }%
app-rts-score = Nilai { $total }
app-rts-last-activity = kegiatan terakhir { $date }
app-rts-no-activity = belum ada kegiatan tercatat
app-rts-no-ketua = ⚠️ tanpa ketua
app-rt-scorecard = Kartu nilai
app-rt-dimension = { $dimension }: { $total }
app-rt-earlier-manual = Sebelumnya dinilai koordinator { $score } pada { $date }; kini dihitung dari catatan kegiatan.
app-rt-chart-title = Persentase KK yang ikut kegiatan, per minggu, 12 minggu terakhir
app-rt-chart-title-households = Jumlah KK yang ikut kegiatan, per minggu, 12 minggu terakhir (jumlah KK RT belum diisi)
app-rt-chart-week = Minggu { $week }: { $value } ({ $households } KK)
app-rt-activity-title = Kegiatan { $days } hari terakhir
app-rt-bank = Bank sampah: { $deposits } setoran, { $weight }, { $rupiah }
app-rt-reading = Pojok baca: { $sessions } sesi ({ $attendees } hadir), { $loans } peminjaman buku
## issue 16: activity and photos
app-rt-recent-title = Kegiatan terbaru
app-rt-recent-line = { $date }: { $kind }, { $people } warga ({ $households } KK)
app-rt-recent-none = Belum ada kegiatan tercatat dalam { $days } hari terakhir.
app-rt-photos-title = Foto bukti
app-rt-photo = { $what }, { $date }
app-rt-photos-none = Belum ada foto bukti. Ketua RT dan petugas mengirimnya lewat /bukti di bot.
app-photo-failed = Foto ini belum bisa diambil dari Telegram. Coba lagi sebentar.

## issue 16: opening the app
button-dashboard-home = 📊 Buka dasbor
button-dashboard-rts = 📊 Buka peringkat di dasbor
button-dashboard-rt = 📊 Buka RT ini di dasbor
menu-button-dashboard = Dasbor
app-dev-title = Masuk pengembangan (konsol)
app-dev-intro = Hanya ada di konsol demo (npm run console): pilih pengguna demo untuk membuka dasbor sebagai dia, tanpa Telegram.
app-dev-unknown = Tidak ada pengguna demo dengan id ini.

## issue 16: export and members
app-rts-download = ⬇️ Unduh XLSX daftar ini
app-rts-xlsx-pick = Pilih kelurahan dulu di halaman peringkat, lalu unduh XLSX-nya.
app-rts-col-rank = Peringkat
app-rts-col-last-activity = Kegiatan terakhir
app-rts-col-ketua = Ketua
app-rts-col-ketua-yes = ada
app-rts-col-ketua-no = tidak ada
app-rt-members-link = 👥 Warga RT dan keikutsertaannya →
app-members-title = Warga RT { $rt } { $kelurahan }
app-members-back-rt = ← RT { $rt } { $kelurahan }
app-members-summary = { $active } warga aktif, { $pending } menunggu persetujuan · { $households } KK
app-members-active = Warga aktif
app-members-none = Belum ada warga aktif.
app-members-activity = { $count } kegiatan dalam { $days } hari terakhir
app-members-last = terakhir ikut { $date }
app-members-never = belum pernah ikut kegiatan
app-members-pending-title = Menunggu persetujuan ({ $count })
app-members-requested = minta bergabung { $date }
app-members-pending-hint = Setujui atau tolak lewat bot: kirim /anggota.
## issue 16: admin pages
app-home-city = 🏙️ Kota per kecamatan →
app-home-kecamatan = 🏘️ Kecamatan { $kecamatan } per kelurahan →
app-city-title = Kota per kecamatan
app-city-total = Seluruh kota
app-city-by-kecamatan = Per kecamatan
app-kecamatan-title = Kecamatan { $kecamatan }
app-kecamatan-total = Seluruh kecamatan
app-kecamatan-by-kelurahan = Per kelurahan
app-area-back-city = Kota
app-area-rts = { $count } RT
app-area-fading = { $count } menurun
app-area-unscored = { $count } ada yang belum dinilai
app-area-no-ketua = { $count } tanpa ketua
app-area-average = rata-rata nilai { $average }
app-area-about = Menurun: partisipasi 4 minggu terakhir turun dibanding 4 minggu sebelumnya. Belum dinilai: RT yang masih punya indikator tanpa nilai. Rata-rata nilai: nilai total RT (dari indikator yang sudah dinilai, paling tinggi 42), dirata-ratakan.
app-area-recap-title = Rekap putaran penilaian
app-area-no-round = Belum ada putaran penilaian.
## issue 16: review fixes
app-rt-back-list = ← Peringkat { $kelurahan }
app-members-ketua-only = Daftar warga RT ini hanya untuk ketua RT-nya, seperti /anggota di bot. Halaman RT-nya tetap bisa Anda buka.
app-rts-download-hint = Jika unduhan tidak mulai, perbarui aplikasi Telegram Anda, atau buka dasbor dari Telegram di komputer.
button-dashboard-city = 📊 Buka kota di dasbor
## issue 17: people without Telegram
command-tanpatelegram = Warga tanpa Telegram (lansia, anak): catat, ubah, tautan klaim
offline-tag = tanpa Telegram
offline-list-title = 📵 Warga tanpa Telegram RT { $rt } { $kelurahan } ({ $count } orang). Kehadiran, setoran bank sampah dan pinjaman buku mereka bisa dicatat petugas dan dihitung untuk KK-nya. Ketuk nama untuk mengubah.
offline-list-empty = 📵 Belum ada warga tanpa Telegram di RT { $rt } { $kelurahan }. Lansia dan anak-anak yang tidak memakai Telegram bisa dicatat di sini, supaya kehadiran, setoran dan pinjaman buku mereka ikut dihitung untuk KK-nya.
offline-list-line = { $index }. { $name } — { $household } ({ $kind })
button-offline-add = ➕ Catat warga tanpa Telegram
offline-card = 📵 { $name }
    KK: { $household }
    Golongan: { $kind }
    Tidak menerima pesan dari bot. Jika kelak memakai Telegram, kirimkan tautan klaim kepadanya.
button-offline-rename = ✏️ Ganti nama
button-offline-link = 🔗 Tautan klaim
button-offline-remove = ➖ Keluarkan dari RT
button-offline-erase = 🧹 Hapus data
button-offline-back = « Daftar
offline-ask-name = Siapa nama warga yang dicatat? Tulis namanya, misalnya "Mbah Sarinah".
offline-ask-household = Di KK mana { $name } tinggal? Pilih KK yang sudah ada, atau tulis KK lain.
offline-household-other = ✍️ KK lain (tulis)
offline-ask-household-new = Tulis KK { $name }: nama kepala keluarga atau nomor rumah, misalnya "Kel. Pak Budi, No. 12".
offline-ask-kind = { $name } termasuk?
offline-kind-lansia = Lansia
offline-kind-anak = Anak
offline-kind-dewasa = Dewasa
offline-kind-none = Tidak disebut
offline-confirm = Periksa lagi:
    • Nama: { $name }
    • KK: { $household }
    • Golongan: { $kind }
    Simpan?
button-offline-save = 💾 Simpan
offline-saved = ✅ { $name } tercatat sebagai warga tanpa Telegram di KK { $household }. Kehadirannya bisa dicentang di /absen, setorannya dicatat di /setor, dan pinjaman bukunya di /pinjam.
offline-ask-rename = Nama baru untuk { $name }?
offline-renamed = ✅ Nama diganti: { $old } → { $name }.
offline-remove-confirm = Keluarkan { $name } dari RT (pindah atau meninggal dunia)? Catatan kegiatannya tetap dihitung.
offline-removed = { $name } sudah dikeluarkan dari RT. Catatan kegiatannya tetap ada.
offline-erase-confirm = Hapus data { $name } atas permintaannya? Nama dan KK-nya dihapus dan tidak bisa dikembalikan; jumlah kegiatan KK tetap dihitung.
offline-erased = 🧹 Data warga tersebut sudah dihapus. Jumlah kegiatannya tetap dihitung tanpa nama.
offline-link = 🔗 Tautan klaim untuk { $name }:
    { $link }
    Berikan hanya kepada { $name }. Setelah dibuka dan dikonfirmasi, akun Telegram-nya memakai catatan ini. Berlaku satu kali, sampai { $expires }.
offline-claimed-notice = ✅ { $name } (RT { $rt } { $kelurahan }) sekarang memakai Telegram sendiri dan menerima pesan dari bot.
claim-preview = Tautan ini untuk catatan warga:
    • Nama: { $name }
    • KK: { $household }
    • RT { $rt } { $kelurahan }
    Jika ini Anda, tekan "Ya, ini saya": akun Telegram Anda akan memakai catatan ini, dan Anda setuju data Anda disimpan untuk program Kampung BANTAR (lihat /dataku, hapus dengan /hapusdata).
button-claim-yes = ✅ Ya, ini saya
claim-done = ✅ Selamat datang, { $name }! Anda sekarang warga RT { $rt } { $kelurahan } dengan Telegram sendiri. Kirim /bantuan untuk melihat yang bisa Anda lakukan.
claim-already = Catatan { $name } di RT { $rt } { $kelurahan } sudah memakai akun Telegram Anda. Kirim /bantuan untuk melihat yang bisa Anda lakukan.
claim-declined = Baik, tidak ada yang diubah.
error-offline-not-found = Warga tersebut tidak ada (lagi) di daftar warga tanpa Telegram RT Anda.
error-offline-name-invalid = Nama tersebut tidak bisa dipakai. Tulis nama dengan huruf, misalnya "Mbah Sarinah".
error-offline-household-invalid = KK tersebut tidak bisa dipakai. Tulis nama kepala keluarga atau nomor rumah.
error-offline-no-telegram = Warga ini tidak memakai Telegram, jadi tidak bisa diberi tugas di RT.
error-claim-invalid = Tautan klaim ini tidak dikenal. Minta tautan baru kepada ketua RT atau petugas Anda.
error-claim-used = Tautan klaim ini sudah dipakai. Setiap tautan hanya berlaku satu kali.
error-claim-stale = Tautan klaim ini sudah tidak berlaku (diganti tautan baru, atau catatannya sudah berubah). Minta tautan baru kepada ketua RT atau petugas Anda.
error-claim-expired = Tautan klaim ini sudah kedaluwarsa. Minta tautan baru kepada ketua RT atau petugas Anda.
error-claim-member-here = Akun Telegram Anda sudah menjadi warga RT { $rt } { $kelurahan } sendiri, jadi tidak bisa memakai catatan ini. Jika catatan itu ganda, minta ketua RT mengeluarkannya lewat /tanpatelegram.
error-claim-member-elsewhere = Akun Telegram Anda sudah menjadi warga RT { $rt } { $kelurahan }. Keluar dulu dari RT tersebut (/keluar) jika catatan ini memang Anda.
error-claim-pending = Anda masih menunggu persetujuan di RT { $rt } { $kelurahan }. Batalkan dulu permintaan itu (/keluar), lalu buka tautan klaim lagi.
error-claim-has-history = Akun Telegram Anda sudah punya catatan sendiri (kegiatan, tabungan atau tugas), jadi tidak bisa digabung dengan catatan ini. Hubungi ketua RT Anda.
audit-action-offline_recorded = mencatat { $target } sebagai warga tanpa Telegram
audit-action-offline_renamed = mengganti nama warga tanpa Telegram { $target }
audit-action-offline_removed = mengeluarkan warga tanpa Telegram { $target }
audit-action-offline_claim_link = membuat tautan klaim untuk { $target }
audit-action-offline_claimed = mengklaim catatannya dengan akun Telegram sendiri
audit-action-offline_erased = menghapus data warga tanpa Telegram { $target }
loan-done-offline = Tercatat: { $name } meminjam “{ $title }”, kembali paling lambat { $day }. { $name } tidak memakai Telegram, jadi bot tidak bisa mengingatkannya: mohon ingatkan langsung.
button-offline-show = 📵 Warga tanpa Telegram

## issue 17: kas RT dan jimpitan
command-kas = Kas RT: saldo, bulan ini, dan catatan terakhir
command-kascatat = Catat pemasukan atau pengeluaran kas RT
command-kaskoreksi = Koreksi catatan kas RT yang keliru
command-eksporkas = Unduh buku kas RT (XLSX) untuk papan pengumuman
command-bendahara = Angkat atau copot bendahara RT
help-group-lapor = ▸ Laporan warga
help-group-kas = ▸ Kas RT
role-bendahara = bendahara RT
error-role-bendahara-ketua_rt = Maaf, perintah ini hanya untuk bendahara dan ketua RT.
error-role-bendahara-ketua_rt-warga = Maaf, kas RT hanya untuk warga yang sudah terdaftar di RT. Kirim /start untuk mendaftar.
error-role-admin-bendahara-ketua_rt-koordinator = Maaf, perintah ini hanya untuk bendahara, ketua RT, koordinator, dan admin kota.
error-kas-insufficient = Saldo kas tidak cukup: saldo saat ini Rp { $balance }, pengeluaran Rp { $amount }. Tidak ada yang dicatat.
error-kas-award-insufficient = Sisa uang pembinaan tinggal Rp { $rest }, tidak cukup untuk pengeluaran ini. Catat tanpa tanda uang pembinaan, atau periksa jumlahnya.
error-kas-balance-too-large = Jumlahnya membuat saldo kas melebihi batas. Periksa lagi angkanya.
error-kas-entry-not-found = Catatan kas itu tidak ditemukan atau tidak bisa dikoreksi.
error-kas-already-reversed = Catatan itu sudah dikoreksi sebelumnya. Satu catatan hanya bisa dikoreksi sekali.
error-kas-reversal-insufficient = Koreksi ini membuat saldo kas minus (saldo saat ini Rp { $balance }, koreksi Rp { $amount }). Tidak ada yang dicatat.
error-kas-not-on-duty = Maaf, jimpitan hanya dicatat oleh yang bertugas ronda malam itu di RT Anda.
error-kas-jimpitan-closed = Jimpitan malam itu sudah tidak bisa dicatat lewat tombol (lebih dari 2 hari). Minta bendahara mencatatnya dengan /kascatat.
error-kas-bendahara-is-ketua = Ketua RT sudah bisa mencatat kas sendiri; pilih warga lain sebagai bendahara.
input-kas-text-characters = Tulis dengan huruf atau angka, misalnya "Beli cat pos ronda".
audit-action-kas_income = mencatat pemasukan kas RT No. { $entry } sebesar { $amount }
audit-action-kas_spending = mencatat pengeluaran kas RT No. { $entry } sebesar { $amount }
audit-action-kas_reversal = mencatat koreksi kas RT No. { $entry } sebesar { $amount }
bendahara-appointed-notice = Anda diangkat menjadi bendahara RT { $rt } Kelurahan { $kelurahan }. Catat kas dengan /kascatat, lihat dengan /kas.
bendahara-revoked-notice = Tugas Anda sebagai bendahara RT { $rt } Kelurahan { $kelurahan } telah selesai. Terima kasih!
kas-bendahara-picker = Ketuk nama untuk mengangkat atau mencopot bendahara RT { $rt } (✅ = bendahara):
kas-bendahara-appointed = { $name } kini bendahara RT.
kas-bendahara-revoked = { $name } tidak lagi bendahara RT.
kas-kind-iuran = Iuran
kas-kind-jimpitan = Jimpitan
kas-kind-swadaya = Swadaya (uang)
kas-kind-pembinaan = Uang pembinaan
kas-kind-donasi = Donasi
kas-kind-lainnya = Pemasukan lain
kas-label-spending = Pengeluaran
kas-label-reversal = Koreksi No. { $entry }
kas-entry-line = • No. { $entry } { $day } · { $label } · { $amount }{ $text }{ $award } ({ $by }){ $reversed }
kas-award-tag = [uang pembinaan]
kas-erased-person = (data dihapus)
kas-reversed-tag = [dikoreksi No. { $entry }]
kas-title = 💰 Kas RT { $rt } Kelurahan { $kelurahan }
    Saldo: { $balance }
kas-month-title = Bulan { $period }:
kas-month-opening = Saldo awal bulan: { $amount }
kas-month-no-income = Belum ada pemasukan.
kas-month-income-line = ➕ { $kind }: { $amount }
kas-month-income-total = Jumlah pemasukan: { $amount }
kas-month-spending = ➖ Pengeluaran: { $amount }
kas-month-closing = Saldo akhir: { $amount }
kas-award-title = 🏆 Uang pembinaan:
kas-award-decided = Ditetapkan ({ $level }, { $date }): { $amount }
kas-title-bantar = Kampung BANTAR
kas-title-kencana = Kampung BANTAR Kencana
kas-award-received = Diterima di kas: { $amount }
kas-award-no-lines = Belum ada pengeluaran dari uang pembinaan.
kas-award-line = • No. { $entry } { $day }: { $purpose } — { $amount }{ $reversed }
kas-award-spent = Dipakai: { $amount }
kas-award-rest = Sisa: { $amount }
kas-recent-title = Catatan terakhir:
kas-recent-none = Belum ada catatan.
kas-statement-title = 📒 Laporan kas RT { $rt } Kelurahan { $kelurahan }, { $period }
kas-statement-entries = Rincian:
button-kas-record = ✍️ Catat
button-kas-reverse = ↩️ Koreksi
button-kas-jimpitan = 🪙 Catat jimpitan { $when }
kas-jimpitan-offer = Jimpitan malam ronda Anda belum dicatat:
kas-ask-kind = Catat apa?
kas-ask-income-amount = Berapa jumlahnya? Tulis misalnya "50.000" atau "Rp 50.000".
kas-ask-spending-amount = Berapa yang dikeluarkan? Tulis misalnya "125.000".
kas-ask-purpose = Untuk apa pengeluaran ini? (misalnya "Beli cat pos ronda")
kas-ask-receipt = Kirim foto nota atau kuitansinya. Foto wajib untuk setiap pengeluaran; kirim /batal jika belum ada.
kas-receipt-needed = Yang dibutuhkan foto nota atau kuitansi. Kirim fotonya, atau /batal.
kas-receipt-as-file = Kirim sebagai foto (bukan file), atau /batal.
kas-ask-from-award = Apakah pengeluaran ini dibayar dari uang pembinaan? (sisa { $rest })
kas-from-award-yes = Ya, dari uang pembinaan
kas-from-award-no = Bukan
kas-confirm-income = Simpan pemasukan { $kind } sebesar { $amount }?
kas-confirm-spending = Simpan pengeluaran { $amount } untuk "{ $purpose }"{ $award }?
kas-saved = ✅ Tersimpan:
    { $line }
    Saldo kas sekarang { $balance }.
kas-already-saved = Sudah tersimpan sebelumnya, tidak dicatat dua kali:
    { $line }
    Saldo kas sekarang { $balance }.
kas-late-saved = Sudah tersimpan sebagai catatan kas No. { $entry }. Tidak dicatat dua kali.
kas-reversal-none = Belum ada catatan kas yang bisa dikoreksi.
kas-ask-entry = Catatan mana yang keliru?
kas-ask-reason = Apa alasan koreksinya?
kas-confirm-reversal = Batalkan catatan No. { $entry } ({ $label }, { $amount }) dengan alasan "{ $reason }"? Catatan koreksi akan ditambahkan; catatan lama tetap terlihat.
kas-jimpitan-already = Jimpitan ronda { $when } sudah dicatat:
    { $line }
kas-jimpitan-ask-amount = Jimpitan ronda { $when } (bertugas: { $names }). Berapa yang terkumpul? Tulis misalnya "35.000".
kas-jimpitan-confirm = Simpan jimpitan ronda { $when } sebesar { $amount }, dikumpulkan oleh { $names }?
kas-export-preparing = Menyiapkan buku kas (XLSX)…
kas-export-caption = Buku kas { $rt }, 12 bulan terakhir. Saldo sekarang { $balance }.
kas-export-no-rt = Belum ada RT di wilayah Anda yang mencatat kas.
kas-export-choose-rt = Buku kas RT mana yang diunduh?
kas-export-rt-button = RT { $rt } { $kelurahan }
kas-export-sheet-summary = Ringkasan
kas-export-sheet-entries = Catatan
kas-export-sheet-award = Uang pembinaan
kas-export-col-month = Bulan
kas-export-col-opening = Saldo awal
kas-export-col-income = Jumlah pemasukan
kas-export-col-spending = Pengeluaran
kas-export-col-closing = Saldo akhir
kas-export-col-time = Waktu (WIB)
kas-export-col-kind = Jenis
kas-export-col-amount = Jumlah (Rp)
kas-export-col-text = Keterangan
kas-export-col-award = Uang pembinaan
kas-export-col-receipt = Nota
kas-export-col-reversed-by = Dikoreksi oleh No.
kas-export-col-by = Dicatat oleh
kas-export-yes = ya
kas-export-balance = Saldo sekarang
kas-export-generated = Dibuat
kas-export-award-received = Diterima
kas-export-award-spent = Dipakai
kas-export-award-rest = Sisa

## issue 17: reports (/lapor)
command-lapor = Laporkan masalah di RT (saluran, sampah, lampu, keamanan, fasilitas)
command-laporanku = Laporan saya dan statusnya
command-laporanrt = Laporan warga yang masih terbuka
audit-action-report_filed = mencatat laporan warga #{ $entry } tentang { $category } tanpa nama pelapor
audit-action-report_step = memindahkan laporan warga dari { $from } ke { $to }
audit-action-report_escalated = meneruskan laporan warga yang { $days } hari tidak ditindaklanjuti ke koordinator
report-category-saluran = 🌊 Saluran tersumbat / drainase
report-category-sampah = 🗑 Pembuangan sampah liar
report-category-lampu = 💡 Lampu jalan mati
report-category-keamanan = 🚨 Gangguan keamanan / kejadian
report-category-fasilitas = 🏚 Fasilitas rusak
report-category-lainnya = 📝 Lainnya
report-status-baru = Baru
report-status-diterima = Diterima
report-status-ditangani = Sedang ditangani
report-status-selesai = Selesai
report-status-ditolak = Ditolak
button-report-start = 📣 Lapor masalah
button-report-list = 📋 Laporan warga
button-report-open = 📄 Lihat laporan
button-report-skip-photo = Lewati foto
button-report-send-location = 📍 Kirim lokasi
button-report-skip-location = Lewati lokasi
button-report-send = 📨 Kirim laporan
button-report-step-diterima = ✅ Terima
button-report-step-ditangani = 🛠 Sedang ditangani
button-report-step-selesai = 🏁 Selesai
button-report-step-ditolak = ✖️ Tolak (dengan alasan)
report-ask-category = 📣 Lapor masalah di RT. Masalahnya tentang apa?
report-ask-description = Ceritakan singkat masalahnya: di mana dan apa yang terjadi (paling banyak { $max } karakter). Nama Anda hanya diketahui ketua RT.
report-ask-photo = 📷 Kirim satu foto masalahnya (sebagai Foto, bukan File).
report-ask-photo-optional = 📷 Kirim satu foto jika ada (sebagai Foto, bukan File), atau tekan Lewati foto.
report-not-photo = Itu bukan foto. Kirim foto masalahnya, atau kirim /batal untuk berhenti.
report-not-photo-image-file = Gambar itu terkirim sebagai File. Kirim ulang sebagai Foto (pilih Galeri, bukan File).
report-not-photo-document = Berkas tidak bisa dipakai. Kirim foto masalahnya, atau kirim /batal untuk berhenti.
report-photo-taken = 📷 Foto diterima.
report-photo-taken-caption = 📷 Foto diterima. Keterangan di bawah foto tidak disimpan: yang dipakai adalah cerita yang Anda tulis tadi.
report-ask-location = 📍 Bagikan lokasinya dengan tombol Kirim lokasi di bawah (jika Anda berada di tempat), atau tekan Lewati lokasi.
report-location-taken = 📍 Lokasi diterima.
report-location-skipped = Tanpa lokasi.
report-location-expected = Tekan Kirim lokasi atau Lewati lokasi di bawah, atau kirim /batal untuk berhenti.
report-location-invalid = Lokasi itu tidak terbaca. Tekan Kirim lokasi lagi, atau Lewati lokasi.
report-summary-photo-yes = ada
report-summary-photo-no = tidak ada
report-summary-location-yes = ada
report-summary-location-no = tidak ada
report-summary =
    Periksa laporan Anda:
    • Masalah: { $category }
    • Cerita: { $description }
    • Foto: { $photo }
    • Lokasi: { $location }
    Kirim ke ketua RT?
report-filed = ✅ Laporan #{ $id } terkirim ke ketua RT. Anda akan diberi tahu setiap ada perkembangan; lihat statusnya dengan /laporanku.
report-submit-stale = Laporan ini sudah dikirim atau dibatalkan. Kirim /lapor untuk laporan baru.
report-new-ketua =
    📣 Laporan warga #{ $id } di RT { $rt } { $kelurahan }: { $category }
    Dari: { $name }
    { $description }
    Tindak lanjuti dengan /laporanrt.
report-new-koordinator =
    📣 Laporan warga #{ $id } di RT { $rt } { $kelurahan } (RT ini belum punya ketua): { $category }
    { $description }
report-list-empty = Tidak ada laporan warga yang terbuka. 👍
report-list-title = 📋 Laporan warga yang terbuka: { $count }. Yang paling lama di atas; ketuk untuk membuka.
report-list-button = #{ $id } RT { $rt } · { $category } · { $status } · { $days } hr
report-card-title = 📣 Laporan #{ $id } · { $category } · RT { $rt } { $kelurahan }
report-card-status = Status: { $status }
report-card-filed = Dilaporkan: { $at } ({ $ago })
report-card-reporter = Pelapor: { $name } (hanya ketua RT yang melihat nama ini)
report-card-reporter-erased = (data pelapor sudah dihapus)
report-card-erased-text = (isi laporan dihapus atas permintaan pelapor)
report-card-location = 📍 Lokasi: { $link }
report-card-no-location = 📍 Tanpa lokasi
report-card-no-photo = 📷 Tanpa foto
report-card-reason = Alasan ditolak: { $reason }
report-card-escalated = ⏫ Diteruskan ke koordinator { $at }
report-step-done = Laporan #{ $id } sekarang: { $status }. Pelapor sudah diberi tahu.
report-step-already = Laporan #{ $id } memang sudah { $status }.
report-ask-reason = Tulis alasan laporan #{ $id } ditolak (paling banyak { $max } karakter). Pelapor akan membacanya.
report-notice-diterima = ✅ Laporan #{ $id } Anda ({ $category }) sudah diterima ketua RT { $rt }.
report-notice-ditangani = 🛠 Laporan #{ $id } Anda ({ $category }) sedang ditangani.
report-notice-selesai = 🏁 Laporan #{ $id } Anda ({ $category }) sudah selesai ditangani. Terima kasih sudah melapor!
report-notice-ditolak =
    ✖️ Laporan #{ $id } Anda ({ $category }) ditolak ketua RT { $rt }.
    Alasan: { $reason }
report-mine-empty = Anda belum pernah melapor. Kirim /lapor untuk melaporkan masalah di RT.
report-mine-title = 📣 Laporan Anda ({ $count } terakhir):
report-mine-line = • #{ $id } { $category }: { $status } (dilaporkan { $at })
report-mine-reason = ‣ Alasan: { $reason }
report-escalated-koordinator =
    ⏫ Laporan warga #{ $id } di RT { $rt } { $kelurahan } ({ $kecamatan }) sudah { $days } hari belum ditindaklanjuti.
    { $category } · status: { $status }
    { $description }
report-escalated-ketua = ⏫ Laporan #{ $id } ({ $category }) sudah { $days } hari belum ditindaklanjuti, jadi diteruskan ke koordinator. Mohon segera ditangani lewat /laporanrt.
error-report-not-member = /lapor untuk warga yang sudah terdaftar di RT. Bergabunglah dulu lewat tautan undangan RT Anda.
error-report-description-invalid = Ceritanya perlu diisi, paling banyak { $max } karakter.
error-report-photo-required = Laporan ini perlu foto.
error-report-location-invalid = Lokasi itu tidak terbaca.
error-report-not-found = Laporan itu tidak ditemukan.
error-report-stale = Tombol ini sudah lama: laporan itu sekarang berstatus { $status }. Buka lagi lewat /laporanrt.
error-report-step-invalid = Laporan yang berstatus { $from } tidak bisa dipindah ke { $to }.
error-report-reason-required = Tulis alasannya, paling banyak { $max } karakter.
report-hours = { $hours } jam
report-figures = { $days } hari terakhir: { $filed } laporan ({ $open } terbuka, { $done } selesai, { $rejected } ditolak); tanggapan pertama median { $response }, selesai median { $resolved }
app-rt-reports-title = 📣 Laporan warga
app-rt-reports-open = Terbuka sekarang: { $count }
app-rt-reports-hint = Hanya jumlah dan waktu; siapa yang melapor tidak ditampilkan. Laporan dikelompokkan ke indikator B1, B2, B6 dan A2 di kartu nilai.
app-rt-reports-indicator = 📣 Laporan warga terkait, { $figures }
digest-reports-title = 📣 Laporan warga ({ $days } hari terakhir; terbuka sekarang: { $open })
digest-reports-indicator = • { $code } { $label }: { $filed } laporan, { $open } terbuka, { $done } selesai
digest-reports-open-suffix = {" "}· 📣 { $count } laporan terbuka
digest-col-reports-filed = Laporan warga ({ $days } hari)
digest-col-reports-open = Laporan terbuka
digest-col-reports-response = Median tanggapan (jam)
## issue 17: polls
command-polling = Tanya warga lewat polling (musyawarah)
score-kind-musyawarah = polling musyawarah
digest-kind-musyawarah = Polling musyawarah
audit-action-poll_created = membuat polling #{ $entry } untuk { $recipients } penerima
audit-action-poll_closed = menutup polling #{ $entry }
error-poll-no-group = RT ini belum punya grup Telegram yang terhubung. Pilih kirim ke setiap warga, atau hubungkan grup dengan /hubungkan di grupnya.
error-poll-not-found = Polling itu tidak ditemukan.
error-poll-group-anonymous-household = Polling tanpa nama di grup tidak bisa dibatasi satu suara per KK: di grup Telegram tidak memberi tahu siapa yang memilih, juga kepada bot.
input-poll-options-too-few = Tulis paling sedikit { $min } pilihan jawaban, satu per baris.
input-poll-options-too-many = Ada { $count } pilihan; paling banyak { $max }. Gabungkan atau buang beberapa, lalu tulis lagi.
input-poll-option-too-long = Pilihan "{ $option }" terlalu panjang: paling banyak { $max } karakter per pilihan.
input-poll-options-duplicate = Pilihan "{ $option }" tertulis dua kali. Setiap pilihan harus berbeda.
poll-ask-question = Apa yang ingin ditanyakan kepada warga? Tulis pertanyaannya (paling banyak { $max } karakter).
    Contoh: Kerja bakti bulan depan hari apa?
poll-ask-options = Tulis pilihan jawabannya, satu per baris ({ $min } sampai { $max } pilihan, masing-masing paling banyak { $length } karakter). Contoh:
    Sabtu pagi
    Minggu pagi
poll-ask-where = Dikirim ke mana?
    • Grup RT: satu polling di grup.
    • Setiap warga: polling pribadi ke { $count } warga, hanya bot yang melihat pilihannya.
button-poll-group = 👥 Grup RT
button-poll-private = 📩 Setiap warga (pribadi)
poll-ask-anonymous = Hasilnya tanpa nama? Tanpa nama: hasil hanya berisi jumlah suara. Dengan nama: Anda (ketua) melihat siapa memilih apa; warga tetap hanya melihat jumlahnya.
poll-ask-anonymous-group = Hasilnya tanpa nama? Di grup, polling dengan nama menampilkan nama setiap pemilih kepada seluruh grup (begitulah Telegram). Polling tanpa nama di grup tidak bisa dibatasi satu suara per KK.
button-poll-anonymous = 🙈 Tanpa nama
button-poll-named = 🙋 Dengan nama
poll-household-impossible = Catatan: polling tanpa nama di grup dihitung per orang, bukan per KK (Telegram tidak memberi tahu siapa yang memilih). Jika perlu satu suara per KK, batalkan lalu pilih kirim ke setiap warga.
poll-ask-household = Satu suara per KK? Jika ya, suara pertama dari satu KK yang dihitung; anggota KK lain yang memilih kemudian diberi tahu suaranya tidak dihitung. Warga yang belum mengisi KK dihitung sendiri-sendiri.
button-poll-household = 🏠 Satu suara per KK
button-poll-per-person = 👤 Satu suara per orang
poll-ask-days = Berapa lama polling dibuka? (biasanya { $days } hari)
button-poll-days = { $days } hari
button-poll-days-default = { $days } hari ✓
poll-summary = Periksa dulu:
    ❓ { $question }
    ⏰ Ditutup { $when }
poll-summary-option = { $number }. { $option }
poll-summary-group = 👥 Ke grup RT
poll-summary-private = 📩 Ke { $count } warga ({ $muted } yang mematikan pengumuman tidak dikirimi)
poll-summary-anonymous = 🙈 Hasil tanpa nama
poll-summary-named = 🙋 Ketua melihat nama pemilih; warga hanya jumlahnya
poll-summary-named-group = 🙋 Nama pemilih terlihat oleh seluruh grup
poll-summary-household = 🏠 Satu suara per KK
poll-summary-per-person = 👤 Satu suara per orang
button-poll-send = 📤 Kirim polling
poll-started-group = Polling dikirim ke grup RT. Ditutup { $when }; hasilnya dikirim ke grup dan kepada Anda. Kirim /polling untuk melihat hasil sementara atau menutupnya lebih awal.
poll-started-private = Polling dikirim ke { $count } warga. Ditutup { $when }; hasilnya dikirim kepada mereka dan kepada Anda. Kirim /polling untuk melihat hasil sementara atau menutupnya lebih awal.
poll-intro = 📊 Polling dari Ketua RT { $rt }, { $asker }. Pilih jawaban Anda di bawah ini sebelum { $when }.
poll-rule-household = 🏠 Satu suara per KK: suara pertama dari setiap KK yang dihitung.
poll-rule-anonymous = 🙈 Hasilnya tanpa nama.
poll-rule-open = 🙋 Ketua RT melihat nama pemilih; warga lain hanya melihat jumlahnya.
poll-rule-open-group = 🙋 Nama pemilih terlihat oleh seluruh grup.
poll-vote-household-taken = Terima kasih. Untuk polling "{ $question }", anggota KK Anda sudah lebih dulu memilih, jadi suara Anda tidak dihitung (satu suara per KK). Bicarakan dengan keluarga: yang pertama memilih bisa mengubah pilihannya.
poll-open-list = Polling yang masih dibuka:
poll-open-item = • { $question } (ditutup { $when }, { $voters } suara)
button-poll-peek = 👀 Hasil sementara: { $question }
button-poll-close = 🔒 Tutup sekarang: { $question }
button-poll-new = ➕ Buat polling baru
poll-not-found = Polling itu tidak ditemukan atau bukan milik RT Anda.
poll-already-closed = Polling itu sudah ditutup.
poll-closed = Polling ditutup.
poll-closed-sent = Polling ditutup. Hasilnya dikirim ke warga dan kepada Anda.
poll-closed-by-ketua = 🔒 Polling ditutup.
poll-closed-by-time = ⏰ Waktu polling sudah habis; polling ditutup.
poll-result-title = 📊 Hasil polling: { $question }
poll-result-title-open = 📊 Hasil sementara: { $question }
poll-result-line = • { $option }: { $count } ({ $percent }%)
poll-result-voters = { $count } suara.
poll-result-voters-household = { $count } suara (satu per KK).
poll-erased-text = (dihapus)
button-satisfaction-ask = 😀 Tanya kepuasan warga yang hadir
satisfaction-question = Bagaimana kegiatan tadi? ({ $kind }, { $when }) Pilih satu.
satisfaction-sent = Pertanyaan "Bagaimana kegiatan tadi?" dikirim ke { $count } warga yang hadir. Jawabannya (tanpa nama) muncul di /absen kegiatan ini.
satisfaction-summary = Kepuasan: { $faces } ({ $answered } dari { $asked } menjawab)
satisfaction-thanks = Terima kasih atas jawabannya!
satisfaction-already = Jawaban Anda sudah tercatat sebelumnya.
error-satisfaction-not-offered = Pertanyaan kepuasan hanya untuk gotong royong dan rapat yang sudah dimulai dan tidak dibatalkan.

## issue 17: knowing what counts (/indikator, the counted line, the monthly summary)
command-indikator = 21 indikator Kampung BANTAR: posisi RT dan yang bisa Anda bantu
button-indikator-open = 📋 Apa yang dihitung?
button-indikator-other-rt = 🏘 RT lain di wilayah saya
indikator-title = 📋 Indikator Kampung BANTAR — RT { $rt } Kelurahan { $kelurahan }
indikator-total = Nilai RT sekarang: { $total }. Setiap indikator bernilai 2 (baik), 1 (sedang) atau 0 (kurang).
indikator-group = { $dimension } ({ $total })
indikator-line = { $code } { $label } — { $status }
indikator-status-good = ✅ baik (2)
indikator-status-fair = 🟡 sedang (1)
indikator-status-poor = 🔴 kurang (0)
indikator-status-missing = ⚪ belum dinilai koordinator
indikator-plain =    { $text }
indikator-measured =    📊 { $explanation }
indikator-tip =    👉 Yang bisa Anda lakukan: { $tip }
indikator-footer = Ketuk Bersih, Aman atau Pintar untuk kelompok lainnya. Nilai dihitung dari catatan kegiatan 28 hari terakhir dan penilaian koordinator.
indikator-no-rts = Belum ada RT terdaftar di wilayah Anda.
indikator-pick-rt = Pilih RT ({ $count } RT di wilayah Anda) untuk melihat indikatornya:
indikator-rt-button = RT { $rt } { $kelurahan }
indikator-plain-b1 = Rumah dan permukiman sehat serta tertata rapi.
indikator-plain-b2 = Jalan, selokan, lampu jalan dan tempat sampah bersama dalam keadaan baik.
indikator-plain-b3 = Warga ikut menjaga kebersihan: gotong royong dan menabung di bank sampah.
indikator-plain-b4 = Ada tanaman dan ruang hijau, udara bersih, tidak ada pembakaran sampah.
indikator-plain-b5 = Lahan kosong dipakai untuk kebun sayur atau tanaman obat keluarga (TOGA).
indikator-plain-b6 = Jamban sehat, saluran air lancar dan tertutup.
indikator-plain-b7 = Warga rajin bergotong royong dan saling membantu.
indikator-plain-a1 = Lingkungan bebas narkoba dan minuman keras.
indikator-plain-a2 = Lingkungan aman dari kejahatan; ronda malam berjalan.
indikator-plain-a3 = Lingkungan bebas prostitusi dan perbuatan asusila.
indikator-plain-a4 = Tidak ada kekerasan dalam rumah tangga, diskriminasi atau anak yang dipekerjakan.
indikator-plain-a5 = Urusan bersama diputuskan lewat musyawarah dan rapat warga.
indikator-plain-a6 = Warga paham hak dan kewajibannya sebagai warga negara dan taat hukum.
indikator-plain-a7 = Adat, budaya dan kegiatan keagamaan bersama tetap hidup.
indikator-plain-p1 = Ada kelompok usaha warga (koperasi, UMKM, UP2K-PKK).
indikator-plain-p2 = Ada pojok baca, TPA atau kelompok belajar yang aktif.
indikator-plain-p3 = Karang taruna, PKK, majelis taklim dan organisasi warga lainnya aktif.
indikator-plain-p4 = Semua warga bisa membaca dan anak-anak tetap bersekolah.
indikator-plain-p5 = Warga usia kerja punya pekerjaan atau usaha.
indikator-plain-p6 = Ibu hamil dan balita sehat; posyandu dan senam lansia berjalan.
indikator-plain-p7 = Warga dilatih dan didorong mengembangkan keterampilan dan usahanya.
indikator-tip-b1 = rapikan halaman dan pagar rumah, pasang nomor rumah, jangan menumpuk barang bekas di luar.
indikator-tip-b2 = laporkan selokan tersumbat atau lampu jalan mati kepada ketua RT.
indikator-tip-b3 = ikut gotong royong atau setor sampah terpilah ke bank sampah bulan ini.
indikator-tip-b4 = tanam satu pohon atau pot tanaman di depan rumah, dan jangan membakar sampah.
indikator-tip-b5 = ikut merawat kebun TOGA atau kebun sayur bersama.
indikator-tip-b6 = ikut kerja bakti membersihkan selokan, dan pastikan saluran limbah rumah tertutup.
indikator-tip-b7 = ikut gotong royong Minggu pagi dan kirim kode hadir ke bot.
indikator-tip-a1 = ajak remaja ikut kegiatan positif dan hadiri penyuluhan bahaya narkoba.
indikator-tip-a2 = ikut ronda lewat /siapronda dan tekan "Saya sudah hadir ronda" saat bertugas.
indikator-tip-a3 = laporkan tamu yang menginap lebih dari 1×24 jam kepada ketua RT.
indikator-tip-a4 = hadiri sosialisasi perlindungan anak dan keluarga bersama PKK atau puskesmas.
indikator-tip-a5 = hadiri rapat warga dan ikut memberi suara di polling musyawarah RT; sampaikan pendapat Anda di sana.
indikator-tip-a6 = ikuti sosialisasi hukum dan pemilu dari kelurahan.
indikator-tip-a7 = hadiri pengajian, yasinan, karang taruna atau PKK.
indikator-tip-p1 = ikut atau bentuk kelompok usaha warga, misalnya koperasi atau UP2K-PKK.
indikator-tip-p2 = pinjam buku di pojok baca atau ajak anak ikut sesi baca dan belajar bersama.
indikator-tip-p3 = aktif di karang taruna, PKK atau majelis taklim.
indikator-tip-p4 = pinjam buku di pojok baca dan laporkan bacaan Anda lewat /baca.
indikator-tip-p5 = bagikan info lowongan dan pelatihan kerja kepada tetangga.
indikator-tip-p6 = bawa balita ke posyandu dan ajak orang tua ikut senam lansia.
indikator-tip-p7 = ikut atau tawarkan pelatihan keterampilan (menjahit, olahan pangan, kerajinan).
counted-met = tercapai ✅
counted-not-met = belum tercapai
counted-b3 = 🌿 Dihitung untuk B3: { $percent }% KK RT { $rt } ikut gotong royong atau bank sampah dalam { $days } hari terakhir; target nilai 2 (baik) { $goodTarget }% { $status }.
counted-b5 = 🌱 Dihitung untuk B5: kebun/TOGA dirawat { $held } kali dalam { $days } hari terakhir, { $percent }% KK RT { $rt } ikut; target nilai 2 (baik) { $goodTimes } kali dengan { $goodTarget }% KK { $status }.
counted-b6 = 🚰 Dihitung untuk B6: kerja bakti sanitasi { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK RT { $rt } hadir; target nilai 2 (baik) { $goodTimes } kali dengan { $goodTarget }% KK { $status }.
counted-b7 = 🤝 Dihitung untuk B7: gotong royong { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK RT { $rt } hadir; target nilai 2 (baik) { $goodTimes } kali dengan { $goodTarget }% KK { $status }.
counted-a2 = 🔦 Dihitung untuk A2: { $staffed } dari { $held } giliran ronda RT { $rt } terisi ({ $percent }%) dalam { $days } hari terakhir; target nilai 2 (baik) { $goodTarget }% { $status }.
counted-a5 = 🗣 Dihitung untuk A5: rapat warga { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK RT { $rt } hadir; target nilai 2 (baik) { $goodTimes } kali dengan { $goodTarget }% KK { $status }.
counted-a5-polls = 🗣 Dihitung untuk A5: polling musyawarah { $held } kali dalam { $days } hari terakhir, rata-rata { $percent }% KK RT { $rt } memilih; target nilai 2 (baik) { $goodTimes } kali dengan { $goodTarget }% KK { $status }.
counted-a7 = 🕌 Dihitung untuk A7: { $percent }% KK RT { $rt } hadir di pengajian, yasinan, karang taruna atau PKK dalam { $days } hari terakhir; target nilai 2 (baik) { $goodTarget }% { $status }.
counted-p2 = 📚 Dihitung untuk P2: { $sessions } sesi pojok baca atau belajar bersama di RT { $rt } dalam { $days } hari terakhir; target nilai 2 (baik) { $goodTarget } sesi { $status }.
counted-p6 = 🩺 Dihitung untuk P6: { $sessions } kali posyandu dan senam lansia di RT { $rt } dalam { $days } hari terakhir; target nilai 2 (baik) { $goodTarget } kegiatan { $status }.
monthly-title = 📅 { $name }, ini ringkasan bulan { $month } untuk RT { $rt } Kelurahan { $kelurahan }.
monthly-total = Nilai Kampung BANTAR RT per { $date }: { $total }.
monthly-moved-up = Naik { $delta } dari bulan lalu ({ $before }). 👍
monthly-moved-down = Turun { $delta } dari bulan lalu ({ $before }).
monthly-moved-same = Sama dengan bulan lalu ({ $before }).
monthly-newly-scored = 🆕 Baru dinilai bulan ini (tidak dihitung dalam naik/turun di atas): { $codes }
monthly-no-longer-scored = Tidak dinilai lagi (tidak dihitung dalam naik/turun di atas): { $codes }
monthly-up = ⬆️ Indikator naik: { $codes }
monthly-down = ⬇️ Indikator turun: { $codes }
monthly-no-change = Tidak ada indikator yang berubah nilainya.
monthly-households-title = 🏆 Keluarga paling aktif bulan { $month }:
monthly-household = { $rank }. { $household } — { $count } kegiatan
monthly-officers = 🙏 Terima kasih kepada petugas bank sampah dan pojok baca RT ini: { $names }.
monthly-improved = 🌟 RT paling meningkat di Kelurahan { $kelurahan } bulan ini: RT { $rt } (naik { $delta }).
monthly-improved-own = 🌟 RT Anda paling meningkat di Kelurahan { $kelurahan } bulan ini (naik { $delta }). Selamat!
monthly-footer = Ketik /indikator untuk melihat apa yang bisa Anda bantu bulan ini. Tidak ingin menerima ringkasan ini? Ketik /senyap.

## issue 17: reports review fixes
report-days-ago = { $days ->
    [0] hari ini
    [1] kemarin
   *[other] { $days } hari lalu
}
report-reject-cancel-stale = Isian alasan ini sudah selesai atau diganti yang lebih baru. Tidak ada yang diubah.
audit-actor-bot = Bot
## issue 17: residents without Telegram (review fixes)
error-offline-kind-invalid = Pilihan tersebut tidak ada. Pilih Lansia, Anak, Dewasa atau Tidak disebut.
error-offline-has-holdings = Warga ini masih punya tabungan bank sampah atau buku yang dipinjam. Minta petugas bank sampah mencairkan tabungannya (/tarik) dan kembalikan bukunya (/kembali), baru keluarkan atau hapus datanya.
offline-holdings-savings = 💰 Tabungan bank sampah: { $balance }
offline-holdings-loans = 📚 Buku yang masih dipinjam: { $titles }
offline-holdings-block = { $name } tidak bisa dikeluarkan atau dihapus datanya sekarang: tabungan dan pinjaman berikut akan hilang karena penarikan dan pengembalian hanya bisa untuk warga RT. Minta petugas bank sampah mencairkan tabungannya (/tarik) dan kembalikan bukunya (/kembali).
offline-list-more = (lanjutan daftar)
loan-reminder-keeper-due = 📚 Pengingat untuk pojok baca: { $name } (tanpa Telegram) meminjam "{ $title }", harus kembali { $day }. Mohon sampaikan kepadanya.
loan-reminder-keeper-overdue = 📚 Pengingat untuk pojok baca: "{ $title }" yang dipinjam { $name } (tanpa Telegram) terlambat { $days } hari (harus kembali { $day }). Mohon sampaikan kepadanya.
## issue 17: kas fixes
error-kas-award-earmarked = Uang pembinaan yang belum dipakai (Rp { $rest }) disisihkan di kas, jadi kas bebas tinggal Rp { $free }, tidak cukup untuk pengeluaran Rp { $amount }. Jika pengeluaran ini dibayar dari uang pembinaan, catat lagi dan pilih "Ya, dari uang pembinaan". Tidak ada yang dicatat.
error-kas-reversal-earmarked = Koreksi ini membuat kas kurang dari uang pembinaan yang belum dipakai (Rp { $rest }); kas bebas tinggal Rp { $free }. Tidak ada yang dicatat.
error-kas-award-no-title = RT ini belum tercatat meraih gelar Kampung BANTAR, jadi belum ada uang pembinaan yang bisa dicatat. Pilih jenis pemasukan lain. Tidak ada yang dicatat.
error-kas-award-income-beyond = Uang pembinaan yang masih bisa dicatat paling banyak Rp { $allowed } (sesuai keputusan gelar, dikurangi yang sudah dicatat). Periksa jumlahnya. Tidak ada yang dicatat.
error-kas-jimpitan-not-open = Malam ronda itu belum dimulai. Jimpitan dicatat mulai setengah jam sebelum ronda.
kas-month-corrections = ↩️ Koreksi catatan bulan sebelumnya: { $amount }
kas-ask-entry-or-number = Catatan mana yang keliru? Ketuk salah satu catatan terbaru di bawah, atau ketik nomor catatannya (misalnya "No. 123", seperti di /kas dan laporan bulanan).
kas-entry-not-reversible = Catatan No. { $entry } tidak ada di kas RT Anda, atau sudah dikoreksi, atau merupakan catatan koreksi. Periksa nomornya.
input-kas-entry-number = Tulis nomor catatannya saja, misalnya "123" atau "No. 123".
## issue 17: polls fixes
poll-vote-promoted = Untuk polling "{ $question }", suara anggota KK Anda yang memilih lebih dulu tidak lagi berlaku, jadi suara Anda sekarang dihitung untuk KK Anda.
satisfaction-too-few = belum cukup jawaban
## issue 17: polls, final review
poll-result-in-poll = 📊 Polling "{ $question }" sudah ditutup. Hasil akhirnya tampil pada polling itu di grup RT (dihitung Telegram, tanpa nama).
## issue 18: jobs fix
error-export-month-invalid = Bulan laporan ini tidak berlaku. Kirim /eksporbank untuk memilih bank dan bulan lagi.
