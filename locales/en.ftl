## General
button-cancel = Cancel
button-back = « Back
button-close = Close
button-yes = Yes, go ahead
button-send = Send request
button-restart = Start over
action-cancelled = Cancelled. Nothing was changed.
action-closed = Closed.
cancel-done = OK, cancelled. Send /bantuan to see the commands.
cancel-nothing = Nothing is in progress. Send /bantuan to see the commands.

## Commands (Telegram menu and /bantuan)
command-start = Start and join your RT
command-bantuan = List of commands
command-profil = See your details
command-bahasa = Change language
command-batal = Cancel what is in progress
command-keluar = Leave your RT
command-hapusdata = Erase your personal data
command-anggota = RT members and join requests
command-keluarkan = Remove a member from the RT
command-jumlahkk = Set the RT's household (KK) count
command-serahkan = Hand over the RT head role
command-petugas = Appoint or remove RT officers
command-undangan = Invite link for residents
command-buatrt = Register a new RT
command-daftarrt = RTs in your area
command-angkatkoordinator = Appoint a kelurahan/kecamatan coordinator
help-title = Commands you can use:

## Roles
role-warga = resident
role-ketua_rt = RT head
role-petugas = officer
role-petugas_bank = waste bank officer
role-koordinator = coordinator
role-admin = city admin
membership-status-pending = waiting for the RT head's approval
membership-status-active = active member
area-kelurahan = Kelurahan { $name }
area-kecamatan = Kecamatan { $name }

## Start
start-welcome =
    Welcome to the Kampung BANTAR (Clean, Safe, Smart) bot of Jambi City! 👋
    Here you can join your RT, get reminders for gotong royong and night watch, and see how residents take part.
start-already-member = Hello { $name }, you are registered in RT { $rt } Kelurahan { $kelurahan }. Send /bantuan to see the commands.
start-pending = Your request to join RT { $rt } Kelurahan { $kelurahan } is still waiting for the RT head's approval. Send /keluar to withdraw it.
start-staff = Hello { $name }! Send /bantuan to see the commands you can use.

## Data consent (Law 27/2022 on Personal Data Protection)
consent-text =
    Before you register, please read this.

    What we store:
    • your Telegram ID, so the bot can message you;
    • the name you give and your household (KK) label (family or house number);
    • the RT you join, your roles, and the activities you take part in.

    Why: to record membership and participation in the Kampung BANTAR program, send activity reminders, and prepare summaries for your RT head and the kelurahan facilitators/coordinators. Your data is not sold or shared with anyone else.

    Who can see it: your RT head, RT officers, area coordinators and city admins.

    Your rights: see your data (/profil), leave your RT (/keluar), and erase your personal data at any time (/hapusdata).

    Do you agree?
button-consent-yes = ✅ I agree
button-consent-no = I do not agree
consent-thanks = Thank you. Your consent has been recorded.
consent-declined = All right, we have stored nothing about you. If you change your mind, send /start at any time.

## Registration
reg-choose-kecamatan = Choose the kecamatan (district) you live in:
reg-choose-kelurahan = Kecamatan { $kecamatan }. Choose your kelurahan:
reg-choose-rt = Kelurahan { $kelurahan }. Choose your RT:
reg-no-rt = No RT in Kelurahan { $kelurahan } is registered with this bot yet. Ask your RT head to contact the kelurahan coordinator, or choose another kelurahan.
reg-rt-chosen = Chosen: RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-invited-to = You are invited to join RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-ask-name = What is your name? Write the name your neighbours know, e.g. Siti Aminah.
button-use-name = Use the name: { $name }
reg-ask-household = Write your household (KK) label, e.g. "Pak Budi's family" or "No. 12B".
reg-summary =
    Please check:
    • RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Name: { $name }
    • Household: { $household }

    Send the request to join?
reg-cancelled = Registration cancelled. Send /start to begin again.
reg-sent-ketua = Your request has been sent to the head of RT { $rt }. We will let you know once it is approved.
reg-sent-koordinator = RT { $rt } has no head on this bot yet, so your request went to the area coordinator. We will let you know once it is approved.
reg-sent-nobody = Your request is recorded, but RT { $rt } has no head or coordinator on this bot yet. It will wait until someone can decide on it.
reg-role-ketua-intro = This link makes you head of RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }.
reg-role-ketua-summary =
    Please check:
    • Head of RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Name: { $name }
    • Household: { $household }

    Go ahead?
reg-role-ketua-done = Congratulations, you are now head of RT { $rt } Kelurahan { $kelurahan }! Share the residents' invite link with /undangan, and see your other commands in /bantuan.
reg-role-koordinator-intro = This link makes you coordinator of { $area }.
reg-role-koordinator-summary =
    Please check:
    • Coordinator of { $area }
    • Name: { $name }

    Go ahead?
reg-role-koordinator-done = Congratulations, you are now coordinator of { $area }. See your commands in /bantuan.

## RT head decisions
membership-request-received =
    Request to join RT { $rt } Kelurahan { $kelurahan }:
    • Name: { $name }
    • Household: { $household }
button-approve = ✅ Approve
button-reject = ❌ Reject
decision-approved = { $name } is approved as a resident.
decision-rejected = { $name }'s request was rejected.
membership-approved = Congratulations! You are now a resident of RT { $rt } Kelurahan { $kelurahan } on the Kampung BANTAR bot. Send /bantuan to see the commands.
membership-rejected = Sorry, your request to join RT { $rt } Kelurahan { $kelurahan } was not approved. Contact your RT head if this is a mistake.
membership-removed = The RT head has removed you from RT { $rt } Kelurahan { $kelurahan }. Contact your RT head if this is a mistake.

## Members (RT head)
members-title = Residents of RT { $rt } Kelurahan { $kelurahan }: { $active } active members, { $households } households on record.
members-pending-title = Waiting for approval ({ $count }):
picker-mbr = Choose the resident to remove from RT { $rt }:
picker-ho = Choose the resident who will be the next head of RT { $rt }:
picker-pt = Tap a name to appoint or remove an officer of RT { $rt } (✅ = officer):
picker-empty = RT { $rt } has no other active members yet.
remove-confirm = Remove { $name } from RT { $rt }?
remove-done = { $name } has been removed from the RT.
handover-confirm = Hand over the head role of RT { $rt } to { $name }? You stay a resident of this RT.
handover-done = The head role of RT { $rt } now belongs to { $name }. Thank you for your service!
handover-received = { $from } handed the head role of RT { $rt } Kelurahan { $kelurahan } over to you. See the RT head commands in /bantuan.
petugas-appointed = { $name } is now an RT officer.
petugas-revoked = { $name } is no longer an RT officer.
petugas-appointed-notice = You have been appointed officer of RT { $rt } Kelurahan { $kelurahan }.
petugas-revoked-notice = Your duty as officer of RT { $rt } Kelurahan { $kelurahan } has ended. Thank you!
kk-ask = How many households (KK) are in your RT? Write just the number, e.g. 120.
kk-example = Example: /jumlahkk 120
kk-set = RT { $rt } Kelurahan { $kelurahan } now has { $count } households.
invite-link =
    Residents' invite link for RT { $rt } Kelurahan { $kelurahan }:
    { $link }

    Share it in the RT's WhatsApp/Telegram group. Residents who open it go straight to this RT and then wait for your approval.
button-invite-reset = 🔄 Make a new link (the old one stops working)
invite-reset-done = New link made; the old link no longer works.

## Coordinators and admins
staff-choose-kecamatan = Choose the kecamatan:
staff-choose-kelurahan = Kecamatan { $kecamatan }. Choose the kelurahan:
staff-ask-rt-number = Kelurahan { $kelurahan }. Which RT number? Write just the number, e.g. 5.
staff-ask-household-count = How many households (KK) does this RT have? Write 0 if you do not know yet.
staff-rt-created =
    RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan } is registered.

    Send this link to the RT head. It works once and until { $expires }:
    { $link }
staff-choose-level = A coordinator for which level?
button-level-kelurahan = Kelurahan
button-level-kecamatan = Kecamatan
staff-koordinator-link =
    Link for the coordinator of { $area } (works once, for 7 days):
    { $link }
registry-title = RTs in your area ({ $count }):
registry-kelurahan = 📍 { $kelurahan }, Kec. { $kecamatan }
registry-rt = • RT { $rt }: { $active } active, { $pending } waiting, { $households } households
registry-empty = No RT is registered in your area yet. Register one with /buatrt.

## Profile, language, leaving, erasure
profile =
    Your details
    • Name: { $name }
    • RT: { $place }
    • Status: { $status }
    • Household: { $household }
    • Roles: { $roles }
    • Language: { $language }
    • Data consent: { $consent }
profile-place = RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
profile-no-place = not registered in an RT
profile-none = You are not registered yet. Send /start to register.
language-choose = Choose a language:
language-set = All right, the bot will use English.
language-name-id = Bahasa Indonesia
language-name-en = English
leave-confirm = Leave RT { $rt } Kelurahan { $kelurahan }? Your activity history stays on record.
button-leave-yes = Yes, leave
leave-done = You have left RT { $rt } Kelurahan { $kelurahan }. Send /start to join another RT.
leave-ketua-notice = { $name } has left RT { $rt } Kelurahan { $kelurahan }.
erase-confirm =
    Erase your personal data?
    Your name, Telegram ID, household label and roles will be erased, and you will leave your RT. The RT's totals (such as activity head counts) stay, without your name. This cannot be undone.
button-erase-yes = Yes, erase my data
erase-done = Your personal data has been erased. Thank you for taking part. Send /start to register again.
erase-nothing = We hold no personal data about you.

## Input that does not fit
input-empty = Nothing was written. Please try again.
input-too-short = Too short: at least { $min } letters.
input-too-long = Too long: at most { $max } characters.
input-name-characters = A name starts with a letter and may only have letters, spaces, dots, commas, hyphens and apostrophes (no digits or emoji). Example: Siti Aminah.
input-household-characters = Start with a letter or a digit, then use letters, digits, spaces and . , ' / - # ( ) only (no emoji). Example: Pak Budi's family, No. 12B.
input-place-characters = Use letters, digits, spaces and . , / - # ( ) & : only (no emoji). Example: Pos kamling RT 05.
input-not-a-whole-number = It must be a whole number, without a comma. Example: 120.
input-not-a-number = That is not a number. Write just the number, e.g. 120.
input-out-of-range = The number must be between { $min } and { $max }.
input-text-expected = Please answer with text, or send /batal to stop.
input-use-buttons = Please choose with the buttons above, or send /batal to stop.

## Refusals and errors
error-not-allowed = Sorry, you are not allowed to do this.
error-not-registered = You are not registered in any RT. Send /start to register.
error-no-consent = Please agree to the data notice first. Send /start.
error-already-member = You are already a resident of another RT. Send /keluar first if you are moving.
error-already-member-here = You are already a resident of this RT.
error-already-pending = Your request is still waiting for approval.
error-rt-not-found = RT not found.
error-rt-exists = RT { $number } is already registered in this kelurahan.
error-member-not-found = That resident was not found or is no longer active.
error-request-already-decided = { $name }'s request was already handled.
error-invite-invalid = This invite link is not known. Ask your RT head or coordinator for a new one.
error-invite-expired = This link has expired. Ask your coordinator for a new one.
error-invite-used = This link has already been used. Each RT head/coordinator link works only once.
error-ketua-must-hand-over = You are the head of this RT. Hand over the role with /serahkan before leaving.
error-already-ketua = You are already the head of this RT.
error-target-not-member = That person is not an active member of this RT.
error-kelurahan-not-found = Kelurahan not found.
error-out-of-scope = This RT is outside your area.
error-role-ketua_rt = Sorry, this command is for RT heads only.
error-role-admin-koordinator = Sorry, this command is for coordinators and city admins only.
error-role-admin = Sorry, this command is for city admins only.
error-role-admin-ketua_rt-koordinator = Sorry, only the RT head or a coordinator can handle this request.

## Other
fallback-message = Sorry, I did not understand. Send /bantuan to see the commands.
fallback-unknown-command = I do not know that command. Send /bantuan to see the commands.
fallback-stale-button = This button no longer works.

## Events, schedule, attendance
command-jadwal = The RT's schedule, and say if you come
command-hadir = Check in with a code
command-jadwalronda = The RT's night-watch rota
command-rotaku = My night-watch shifts (and swaps)
command-siapronda = Join/leave the night watch, set nights you cannot do
command-pengingat = Turn activity reminders off/on
command-acara = Schedule an activity (gotong royong, ronda, meeting)
command-ubahacara = Change or cancel an activity
command-ronda = Set up the night watch (nights, hours, post, people)
command-buatrota = Make the night-watch rota
command-kodehadir = Show an activity's check-in code
command-absen = Attendance list for an activity (tick residents)
error-role-ketua_rt-petugas = Sorry, this command is for RT heads and RT officers only.
error-event-not-found = Activity not found.
error-event-cancelled = This activity has been cancelled.
error-event-in-past = That time has passed. Choose a time to come.
error-event-time-taken = This event already has a date at that time (cancelled ones included). Choose another time and send /ubahacara again.
error-checkin-code-invalid = That check-in code is not known. Check the code from your RT head or officer.
error-checkin-not-open = Check-in is not open yet. The code works from 30 minutes before the activity.
error-checkin-closed = Check-in for this activity has closed.
error-checkin-wrong-rt = This code is for another RT's activity.
error-ronda-not-set-up = The night watch is not set up yet. Set it up with /ronda.
error-ronda-no-volunteers = No resident has joined the night watch yet. Ask residents to send /siapronda.
error-shift-not-found = That shift was not found or is over.
error-swap-not-open = This swap request no longer stands.
error-swap-own = This is your own swap request.
error-swap-already-on-shift = You are already on watch that night.
input-datetime-empty = Write the date and time, e.g. "Minggu 07.00" or "7/12 19.30".
input-datetime-unrecognised = Sorry, I do not recognise that date or time. Examples: "Minggu 07.00", "besok jam 7 pagi", "7 Des 2026 19.30".
input-datetime-ambiguous-hour = What time exactly, morning or evening? Write e.g. "jam 7 pagi" or "19.00".
input-datetime-invalid-date = That date is not on the calendar. Example: "7/12" for 7 December.
input-datetime-invalid-time = That time does not exist. Write between 00.00 and 23.59, e.g. "07.00".
input-datetime-past = That time has passed. Write a time to come, e.g. "Minggu 07.00".
input-datetime-too-far = That is more than a year away. Write a date within the coming year.
input-datetime-too-long = Too long. Keep it short, e.g. "Minggu 07.00".
input-datetime-same-time = Start and end cannot be the same. Example: "22.00-04.00".
input-time-unrecognised = Write the time only, e.g. "07.00" or "jam 7 malam".
input-timerange-unrecognised = Write the start and end times, e.g. "22.00-04.00" or "jam 10 malam sampai 4 pagi".
event-choose-kind = What kind of activity?
event-kind-gotong_royong = Gotong royong / clean-up
event-kind-ronda = Night watch
event-kind-rapat = Residents' meeting
event-kind-lainnya = Other activity
event-ask-when = When? Write it as you would say it, e.g. "Minggu 07.00", "besok jam 7 pagi" or "7/12 19.30". All times are WIB.
event-ask-time = What time? E.g. "07.00" or "jam 7 malam".
event-ask-new-when = What is the new time? E.g. "Minggu 07.00".
event-ask-place = Where? E.g. "Pos kamling" or "Masjid Al-Ikhlas".
event-place-pos = Pos kamling
event-ask-notes = Any notes for residents? E.g. "bring a hoe and sacks". Press Skip if none.
button-skip = Skip
button-save = 💾 Save
button-done = Done
event-choose-repeat = Does it repeat?
repeat-none = Just once
repeat-weekly = Every week, on { $weekday }
repeat-biweekly = Every two weeks, on { $weekday }
repeat-monthly-date = Every month, on day { $day }
repeat-monthly-weekday = Every month, on the { $nth } { $weekday }
weekday-0 = Sunday
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
nth-1 = first
nth-2 = second
nth-3 = third
nth-4 = fourth
nth-last = last
event-summary =
    Please check:
    • { $kind }
    • { $when }
    • Place: { $place }
    • Notes: { $notes }
    • { $repeat }
event-created = { $kind } on { $when } is scheduled ({ $count } dates ahead). Residents can see it in /jadwal.
event-none-to-edit = There are no coming activities.
event-choose-occurrence = Choose the activity:
event-choose-change = What should change?
button-event-move = 🕒 Change the time
button-event-place = 📍 Change the place
button-event-cancel-one = ❌ Cancel this date
button-event-cancel-series = 🛑 Cancel this and all later dates
event-changed = Saved: { $when }, at { $place }. { $told } residents who are coming were told.
event-changed-notice = Schedule change: { $kind }, first set for { $before }, moves to { $when }, at { $place }.
event-cancelled = Cancelled. { $told } residents who were coming were told.
event-series-cancelled = This activity and all its later dates are cancelled. { $told } residents who were coming were told.
event-cancelled-notice = Cancelled: { $kind } on { $when }.
event-series-cancelled-notice = Cancelled: { $kind } on { $when } and the dates after it.
schedule-title = RT activities in the next 2 weeks ({ $count }):
schedule-empty = Nothing is scheduled in the next 2 weeks.
schedule-more = …and { $count } more.
schedule-item =
    📅 { $kind }
    🕒 { $when }
    📍 { $place }
schedule-item-notes = 📝 { $notes }
schedule-item-repeat = 🔁 { $repeat }
schedule-item-counts = Coming { $hadir } · Can't { $tidak } · Maybe { $mungkin }
schedule-item-mine = Your answer: { $answer }
rsvp-hadir = Coming
rsvp-tidak = Can't come
rsvp-mungkin = Maybe
button-rsvp-hadir = ✅ Coming
button-rsvp-tidak = ❌ Can't
button-rsvp-mungkin = 🤔 Maybe
button-rsvp-names = 👥 See names
rsvp-saved = Saved: { $answer }
rsvp-names =
    { $kind }, { $when }
    ✅ Coming: { $hadir }
    ❌ Can't: { $tidak }
    🤔 Maybe: { $mungkin }
attendance-none = No activity is going on or just over.
checkin-choose = The check-in code for which activity?
attendance-choose = The attendance list for which activity?
checkin-code =
    Check-in code for { $kind }: { $code }
    Residents just send this code to the bot. It works until { $until } WIB.
attendance-checklist = Attendance at { $kind }, { $when }: { $present } of { $members } residents. Tap a name to tick it.
checkin-done = Thank you! Your attendance at { $kind } is recorded.
checkin-already = Your attendance at { $kind } was already recorded.
checkin-usage = Send the check-in code from your RT head, e.g.: /hadir ABC234
reminders-off = Activity reminders are off. Your night-watch duty reminders still arrive. Send /pengingat again to turn them on.
reminders-on = Activity reminders are on again.

command-aturpengingat = Set the RT's reminder times
reminder-setting-off = off
button-keep = Keep { $value }
button-turn-off = Turn off
reminder-settings-current =
    The RT's reminders now:
    • the evening before at { $evening }
    • { $hours } hours before the activity (0 = off)
    • night-watch duty at { $duty } on the day of the shift
reminder-ask-evening = The evening-before reminder at what time? E.g. "19.00", or "mati" (off).
reminder-ask-hours = How many hours before the activity? Write 0 to { $max } (0 = off).
reminder-ask-duty = The night-watch duty reminder at what time on the day? E.g. "17.00", or "mati" (off).
reminder-settings-saved =
    Saved. The RT's reminders:
    • the evening before at { $evening }
    • { $hours } hours before the activity (0 = off)
    • night-watch duty at { $duty } on the day of the shift

## Night watch
ronda-choose-nights = Which nights have a watch? Tap to choose, then press Done.
ronda-nights-needed = Choose at least one night.
ronda-ask-hours = From what time to what time? E.g. "22.00-04.00".
ronda-ask-post = At which post?
ronda-ask-per-shift = How many people each night? Write the number, e.g. 3.
ronda-saved =
    Night watch saved:
    • Nights: { $nights }
    • Hours: { $start }–{ $end } WIB
    • Post: { $post }
    • { $perShift } people per night
    Ask residents to send /siapronda, then make the rota with /buatrota.
ronda-volunteer-on = You are on the night watch. Tap the nights you cannot do (🚫) so you are not scheduled then.
ronda-volunteer-off = You are not on the night watch yet. Press the button below to join.
button-ronda-join = 🙋 Join the night watch
button-ronda-leave = Leave the night watch
rota-choose-weeks = Make the rota for how many weeks?
button-rota-weeks = { $weeks } weeks
rota-generated = Rota made: { $count } nights.
rota-title = Night-watch rota, RT { $rt } Kelurahan { $kelurahan } ({ $weeks } weeks):
rota-line = • { $when }–{ $end }: { $people }
rota-shortfalls = ⚠️ { $count } nights are short of people. Ask more residents to join (/siapronda).
rota-posted-to-group = The rota was also sent to the RT group.
rota-mine-title = Your night-watch shifts:
rota-mine-empty = You have no night-watch shifts yet.
rota-empty = There is no night-watch rota yet.
rota-upcoming-title = Night-watch rota, RT { $rt } Kelurahan { $kelurahan }:
button-swap-ask = 🔁 Ask to swap: { $when }
swap-offer = { $name } asks to swap their night-watch shift on { $when }. Can you take it?
button-swap-take = 🙋 I'll take it
swap-asked = Swap request sent to { $count } residents free that night.
swap-no-candidates = No other resident is free that night. Contact your RT head.
swap-taken = Thank you! You are on watch { $when }.
swap-taken-requester = { $name } is taking your night-watch shift on { $when }.
swap-taken-ketua = Shift swap: { $name } takes over from { $from } on { $when }.

## Announcements (/umumkan), muting, RT groups
command-senyap = Turn announcements off/on
command-hubungkan = Link the RT's Telegram group (send it in the group)
command-umumkan = Send an announcement
error-role-warga = Sorry, this command is for residents registered in an RT. Send /start to register.
announce-choose-audience = Who is this announcement for?
announce-audience-rt-members = Residents of my RT
announce-audience-area-ketua = RT heads in my area
announce-audience-area-residents = All residents in my area
announce-audience-area-ketua-city = All RT heads in the city
announce-audience-area-residents-city = All residents in the city
announce-choose-channel = Where should it go?
button-channel-private = Residents' private chats
button-channel-group = The RT's Telegram group
button-channel-both = Both
announce-ask-pin = Pin the announcement in the RT group?
button-pin-yes = Yes, pin it
button-pin-no = No
announce-ask-text = Write the announcement (at most { $max } characters). Bold, italics and links stay as you write them.
announce-text-only = An announcement must be text. Write it, or send /batal.
announce-preview-title = Preview of the announcement:
announce-summary-private = • to { $count } people in private chats ({ $muted } who muted announcements are skipped)
announce-summary-group = • to the group of RT { $rt } Kelurahan { $kelurahan }
announce-summary-group-pinned = • to the group of RT { $rt } Kelurahan { $kelurahan }, then pinned
announce-confirm = Send this announcement?
button-broadcast-send = 📣 Send
button-broadcast-stop = ⏹ Stop
broadcast-progress = Sent { $sent }/{ $total } · failed { $failed } · blocked { $blocked }
broadcast-progress-done = Done: sent { $sent }/{ $total } · failed { $failed } · blocked { $blocked }
broadcast-progress-stopped = Stopped: sent { $sent }/{ $total } · failed { $failed } · blocked { $blocked }
broadcast-report =
    Announcement report:
    • sent: { $sent } of { $total }
    • failed: { $failed }
    • blocked (the person blocked the bot): { $blocked }
    • skipped because muted: { $muted }
broadcast-report-stopped =
    The announcement was stopped.
    • sent: { $sent } of { $total }
    • failed: { $failed }
    • blocked: { $blocked }
    • cancelled (not sent yet): { $cancelled }
    • skipped because muted: { $muted }
broadcast-stopped = Announcement stopped.
broadcast-already-finished = This announcement has already finished.
mute-on = Announcements are off. Your duty reminders (such as night-watch shifts) still arrive. Send /senyap again to turn them back on.
mute-off = Announcements are on again.
group-linked = This group is now linked to RT { $rt } Kelurahan { $kelurahan }. The RT head's announcements can be sent here.
group-added = Thank you for adding the Kampung BANTAR bot! RT head: send /hubungkan in this group to link it to your RT.

## Reminders
reminder-kind-gotong-royong = community clean-up (gotong royong)
reminder-kind-ronda = night watch (ronda)
reminder-kind-rapat = residents' meeting
reminder-kind-lainnya = RT activity
reminder-evening = 🔔 Reminder: { $kind } on { $day } at { $time } WIB, at { $place }. See you there!
reminder-before = ⏰ Starting soon: { $kind } at { $time } WIB ({ $day }), at { $place }.
reminder-duty = 🔦 Your night-watch shift: { $day }, { $time }–{ $end } WIB at { $place }. Thank you for keeping the neighbourhood safe!
reminder-late-warning = ⚠️ The message queue is full: { $late } of { $total } reminders for the { $kind } on { $day } at { $time } WIB will be late, by up to { $minutes } minutes. If needed, remind residents in the RT group.
