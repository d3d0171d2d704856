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
