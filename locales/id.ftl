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

## Perintah (menu Telegram dan /bantuan)
command-start = Mulai dan daftar ke RT Anda
command-bantuan = Daftar perintah
command-profil = Lihat data diri Anda
command-bahasa = Ganti bahasa
command-batal = Batalkan isian yang sedang berjalan
command-keluar = Keluar dari RT
command-hapusdata = Hapus data pribadi Anda
command-anggota = Anggota RT dan permintaan bergabung
command-keluarkan = Keluarkan anggota dari RT
command-jumlahkk = Atur jumlah KK di RT
command-serahkan = Serahkan jabatan ketua RT
command-petugas = Angkat atau copot petugas RT
command-undangan = Tautan undangan untuk warga
command-buatrt = Daftarkan RT baru
command-daftarrt = Daftar RT di wilayah Anda
command-angkatkoordinator = Angkat koordinator kelurahan/kecamatan
help-title = Perintah yang bisa Anda gunakan:

## Peran
role-warga = warga
role-ketua_rt = ketua RT
role-petugas = petugas
role-petugas_bank = petugas bank sampah
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
start-pending = Permintaan Anda bergabung ke RT { $rt } Kelurahan { $kelurahan } masih menunggu persetujuan ketua RT. Kirim /keluar jika ingin membatalkannya.
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
reg-ask-household = Tulis keterangan KK (kartu keluarga) Anda, misalnya "Keluarga Pak Budi" atau "No. 12B".
reg-summary =
    Periksa kembali:
    • RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Nama: { $name }
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
    • KK: { $household }

    Lanjutkan?
reg-role-ketua-done = Selamat, Anda sekarang ketua RT { $rt } Kelurahan { $kelurahan }! Bagikan tautan undangan warga dengan /undangan, dan lihat perintah lain di /bantuan.
reg-role-koordinator-intro = Tautan ini menjadikan Anda koordinator { $area }.
reg-role-koordinator-summary =
    Periksa kembali:
    • Koordinator { $area }
    • Nama: { $name }

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
membership-approved = Selamat! Anda sudah menjadi warga RT { $rt } Kelurahan { $kelurahan } di bot Kampung BANTAR. Ketik /bantuan untuk melihat perintah.
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
staff-choose-level = Koordinator untuk tingkat apa?
button-level-kelurahan = Kelurahan
button-level-kecamatan = Kecamatan
staff-koordinator-link =
    Tautan untuk koordinator { $area } (satu kali pakai, berlaku 7 hari):
    { $link }
registry-title = RT di wilayah Anda ({ $count }):
registry-kelurahan = 📍 { $kelurahan }, Kec. { $kecamatan }
registry-rt = • RT { $rt }: { $active } warga aktif, { $pending } menunggu, { $households } KK
registry-empty = Belum ada RT terdaftar di wilayah Anda. Daftarkan dengan /buatrt.

## Profil, bahasa, keluar, hapus data
profile =
    Data diri Anda
    • Nama: { $name }
    • RT: { $place }
    • Status: { $status }
    • KK: { $household }
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
    Nama, ID Telegram, keterangan KK, dan peran Anda akan dihapus, dan Anda keluar dari RT. Angka rekap RT (misalnya jumlah peserta kegiatan) tetap, tanpa nama Anda. Ini tidak bisa dibatalkan.
button-erase-yes = Ya, hapus data saya
erase-done = Data pribadi Anda sudah dihapus. Terima kasih telah ikut serta. Kirim /start jika ingin mendaftar lagi.
erase-nothing = Kami tidak menyimpan data pribadi Anda.

## Isian yang tidak sesuai
input-empty = Isian masih kosong. Silakan tulis lagi.
input-too-short = Terlalu pendek: paling sedikit { $min } huruf.
input-too-long = Terlalu panjang: paling banyak { $max } karakter.
input-name-characters = Nama diawali huruf dan hanya boleh berisi huruf, spasi, titik, koma, tanda hubung, dan apostrof (tanpa angka atau emoji). Contoh: Siti Aminah.
input-household-characters = Awali dengan huruf atau angka, lalu gunakan huruf, angka, spasi, dan tanda . , ' / - # ( ) saja (tanpa emoji). Contoh: Keluarga Pak Budi, No. 12B.
input-place-characters = Gunakan huruf, angka, spasi, dan tanda . , / - # ( ) & : saja (tanpa emoji). Contoh: Pos kamling RT 05.
input-not-a-whole-number = Harus bilangan bulat, tanpa koma. Contoh: 120.
input-not-a-number = Itu bukan angka. Tulis angkanya saja, misalnya 120.
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
error-rt-exists = RT { $number } sudah terdaftar di kelurahan ini.
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
error-role-ketua_rt = Maaf, perintah ini hanya untuk ketua RT.
error-role-admin-koordinator = Maaf, perintah ini hanya untuk koordinator dan admin kota.
error-role-admin = Maaf, perintah ini hanya untuk admin kota.
error-role-admin-ketua_rt-koordinator = Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.

## Lain-lain
fallback-message = Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.
fallback-unknown-command = Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah.
fallback-stale-button = Tombol ini sudah tidak berlaku.

## Acara, jadwal, kehadiran
command-jadwal = Jadwal kegiatan RT dan konfirmasi hadir
command-hadir = Catat kehadiran dengan kode
command-jadwalronda = Jadwal ronda RT
command-rotaku = Giliran ronda saya (dan tukar giliran)
command-siapronda = Ikut/berhenti ronda, atur malam yang tidak bisa
command-pengingat = Matikan/nyalakan pengingat kegiatan
command-acara = Buat kegiatan (gotong royong, ronda, rapat)
command-ubahacara = Ubah atau batalkan kegiatan
command-ronda = Atur ronda (malam, jam, pos, jumlah orang)
command-buatrota = Buat giliran ronda
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
error-swap-not-open = Permintaan tukar giliran ini sudah tidak berlaku.
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
event-ask-time = Jam berapa? Misalnya "07.00" atau "jam 7 malam".
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
event-created = { $kind } pada { $when } sudah dijadwalkan ({ $count } tanggal ke depan). Warga bisa melihatnya di /jadwal.
event-none-to-edit = Belum ada kegiatan yang akan datang.
event-choose-occurrence = Pilih kegiatan:
event-choose-change = Apa yang diubah?
button-event-move = 🕒 Ubah waktu
button-event-place = 📍 Ubah tempat
button-event-cancel-one = ❌ Batalkan tanggal ini
button-event-cancel-series = 🛑 Batalkan ini dan seterusnya
event-changed = Tersimpan: { $when }, di { $place }. { $told } warga yang akan hadir diberi tahu.
event-changed-notice = Perubahan jadwal: { $kind } yang semula { $before } pindah ke { $when }, di { $place }.
event-cancelled = Dibatalkan. { $told } warga yang akan hadir diberi tahu.
event-series-cancelled = Kegiatan ini dan semua tanggal berikutnya dibatalkan. { $told } warga yang akan hadir diberi tahu.
event-cancelled-notice = Dibatalkan: { $kind } pada { $when }.
event-series-cancelled-notice = Dibatalkan: { $kind } pada { $when } dan tanggal-tanggal berikutnya.
schedule-title = Kegiatan RT dalam 2 minggu ke depan ({ $count }):
schedule-empty = Belum ada kegiatan terjadwal dalam 2 minggu ke depan.
schedule-more = …dan { $count } kegiatan lagi.
schedule-item =
    📅 { $kind }
    🕒 { $when }
    📍 { $place }
schedule-item-notes = 📝 { $notes }
schedule-item-repeat = 🔁 { $repeat }
schedule-item-counts = Hadir { $hadir } · Tidak bisa { $tidak } · Mungkin { $mungkin }
schedule-item-mine = Jawaban Anda: { $answer }
rsvp-hadir = Hadir
rsvp-tidak = Tidak bisa
rsvp-mungkin = Mungkin
button-rsvp-hadir = ✅ Hadir
button-rsvp-tidak = ❌ Tidak bisa
button-rsvp-mungkin = 🤔 Mungkin
button-rsvp-names = 👥 Lihat nama
rsvp-saved = Tersimpan: { $answer }
rsvp-names =
    { $kind }, { $when }
    ✅ Hadir: { $hadir }
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
reminders-off = Pengingat kegiatan dimatikan. Pengingat tugas ronda Anda tetap dikirim. Kirim /pengingat lagi untuk menyalakannya.
reminders-on = Pengingat kegiatan dinyalakan lagi.

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
    Minta warga mengirim /siapronda, lalu buat giliran dengan /buatrota.
ronda-volunteer-on = Anda ikut ronda. Ketuk malam yang tidak bisa (🚫) agar tidak dijadwalkan di malam itu.
ronda-volunteer-off = Anda belum ikut ronda. Tekan tombol di bawah untuk ikut.
button-ronda-join = 🙋 Ikut ronda
button-ronda-leave = Berhenti ikut ronda
rota-choose-weeks = Buat giliran ronda untuk berapa minggu?
button-rota-weeks = { $weeks } minggu
rota-generated = Giliran ronda dibuat: { $count } malam.
rota-title = Giliran ronda RT { $rt } Kelurahan { $kelurahan } ({ $weeks } minggu):
rota-line = • { $when }–{ $end }: { $people }
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
announce-ask-text = Tulis pengumumannya (paling banyak { $max } karakter). Huruf tebal, miring, dan tautan akan tetap seperti yang Anda tulis.
announce-text-only = Pengumuman harus berupa teks. Tulis pengumumannya, atau kirim /batal.
announce-preview-title = Pratinjau pengumuman:
announce-summary-private = • ke { $count } orang lewat chat pribadi ({ $muted } orang menyenyapkan pengumuman dan dilewati)
announce-summary-group = • ke grup RT { $rt } Kelurahan { $kelurahan }
announce-summary-group-pinned = • ke grup RT { $rt } Kelurahan { $kelurahan }, lalu disematkan
announce-confirm = Kirim pengumuman ini?
button-broadcast-send = 📣 Kirim
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
group-added = Terima kasih sudah menambahkan bot Kampung BANTAR! Ketua RT: kirim /hubungkan di grup ini untuk menghubungkannya dengan RT Anda.

## Pengingat
reminder-kind-gotong-royong = gotong royong
reminder-kind-ronda = ronda
reminder-kind-rapat = rapat warga
reminder-kind-lainnya = kegiatan RT
reminder-evening = 🔔 Pengingat: { $kind } { $day } pukul { $time } WIB di { $place }. Sampai jumpa di sana!
reminder-before = ⏰ Sebentar lagi: { $kind } mulai pukul { $time } WIB ({ $day }) di { $place }.
reminder-duty = 🔦 Jadwal ronda Anda: { $day }, pukul { $time }–{ $end } WIB di { $place }. Terima kasih sudah ikut menjaga lingkungan!
reminder-late-warning = ⚠️ Antrean pesan sedang penuh: { $late } dari { $total } pengingat { $kind } { $day } pukul { $time } WIB akan terlambat, paling lama { $minutes } menit. Bila perlu, ingatkan warga lewat grup RT.
