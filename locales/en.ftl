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
form-right-lost = Sorry, this form has been stopped: your role or your area has changed, so you are no longer allowed to do this. The last step was not carried out.

## Commands (Telegram menu and /bantuan)
command-start = Start and join your RT
command-bantuan = List of commands
command-profil = See your details
command-bahasa = Change language
command-batal = Cancel what is in progress
command-keluar = Leave your RT
command-hapusdata = Erase your personal data
command-dataku = Download all the data we keep about you
command-audit = Audit log of officers' actions
command-anggota = RT members and join requests
command-keluarkan = Remove a member from the RT
command-jumlahkk = Set the RT's household (KK) count
command-serahkan = Hand over the RT head role
command-petugas = Appoint or remove RT officers
command-undangan = Invite link for residents
command-buatrt = Register a new RT
command-daftarrt = RTs in your area
command-tautanketua = A new RT head link for an RT in your area
command-angkatkoordinator = Appoint a kelurahan/kecamatan coordinator
help-title = Commands you can use:

## Roles
role-warga = resident
role-ketua_rt = RT head
role-petugas = officer
role-petugas_bank = waste bank officer
role-penilai = assessment team
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
start-pending = Your request to join RT { $rt } Kelurahan { $kelurahan } has been waiting for approval since { $since }. Send /keluar to withdraw it.
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
reg-ask-household = Who is the head of the family on your family card (KK)? Write their name, for example "KK Budi Santoso". Others in your family write the same name, so you count as one household. This is not your house number.
reg-summary =
    Please check:
    • RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • Name: { $name }
    • Addressed as: { $addressed }
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
    • Addressed as: { $addressed }
    • Household: { $household }

    Go ahead?
reg-role-ketua-done = Congratulations, you are now head of RT { $rt } Kelurahan { $kelurahan }! Share the residents' invite link with /undangan, and see your other commands in /bantuan.
reg-role-koordinator-intro = This link makes you coordinator of { $area }.
reg-role-koordinator-summary =
    Please check:
    • Coordinator of { $area }
    • Name: { $name }
    • Addressed as: { $addressed }

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
membership-approved = Congratulations, { $name }! You are now a resident of RT { $rt } Kelurahan { $kelurahan } on the Kampung BANTAR bot. Send /bantuan to see the commands.
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

    Link lost or expired? Make a new one with /tautanketua.
staff-choose-level = A coordinator for which level?
button-level-kelurahan = Kelurahan
button-level-kecamatan = Kecamatan
staff-koordinator-link =
    Link for the coordinator of { $area } (works once, for 7 days):
    { $link }
ketualink-choose = Which RT is the new head link for?
ketualink-rt-button = RT { $rt } · { $kelurahan }
ketualink-confirm =
    Make a new head link for RT { $rt } Kelurahan { $kelurahan }?
    Earlier head links for this RT that were not used stop working.
ketualink-confirm-replaces =
    RT { $rt } Kelurahan { $kelurahan } is now headed by { $ketua }. Whoever opens the new link becomes the RT head in place of { $ketua }.
    Earlier head links for this RT that were not used stop working. Make a new link?
button-ketualink-make = Make the link
ketualink-made =
    Head link for RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }. Send it to the RT head; it works once and until { $expires }:
    { $link }
ketualink-replaced = The earlier head link for this RT no longer works.
registry-title = RTs in your area ({ $count }):
registry-kelurahan = 📍 { $kelurahan }, Kec. { $kecamatan }
registry-rt = • RT { $rt }: { $active } active, { $pending } waiting, { $households } households
registry-empty = No RT is registered in your area yet. Register one with /buatrt.

## Profile, language, leaving, erasure
profile =
    Your details
    • Name: { $name }
    • Addressed as: { $addressed }
    • RT: { $place }
    • Status: { $status }
    • Household: { $household }
    • Member code (for the waste bank): { $code }
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
    Your name, Telegram ID, household label and roles will be erased, and you will leave your RT. The RT's totals (such as activity head counts) and the waste bank's books stay, without your name: any savings left can no longer be withdrawn, so withdraw them first if needed. You can download a copy of your data first with /dataku. This cannot be undone.
button-erase-yes = Yes, erase my data
erase-done = Your personal data has been erased. Thank you for taking part. Send /start to register again.
erase-nothing = We hold no personal data about you.
dataku-none = We hold no personal data about you.
dataku-caption = All the data we keep about you (profile, RT memberships, roles, activities, waste bank savings, reading). Keep it safe: this file holds personal data.

## Audit log (/audit, city admins)
audit-title = 📋 Audit log: { $total } entries, latest first (page { $page }/{ $pages })
audit-empty = The audit log is empty.
audit-line = • { $when }: { $actor } { $what }
audit-line-rt = • { $when }: { $actor } { $what } (RT { $rt } { $kelurahan })
audit-person-erased = (data erased)
audit-person-unknown = (no name)
audit-action-membership_approved = approved { $target } as a resident
audit-action-membership_rejected = rejected the join request of { $target }
audit-action-member_removed = removed { $target } from the RT
audit-action-role_granted = appointed { $target } as { $role }
audit-action-role_revoked = revoked the { $role } role of { $target }
audit-action-ketua_handed_over = handed the RT head role over to { $target }
audit-action-role_invite_created = created an appointment link for { $role }
audit-action-ledger_deposit = recorded deposit No. { $entry } of { $amount } for { $target }
audit-action-ledger_withdrawal = recorded withdrawal No. { $entry } of { $amount } from { $target }'s savings
audit-action-ledger_reversal = recorded correction No. { $entry } for { $target }: { $cancelled } cancelled ({ $amount })
audit-action-broadcast_started = sent an announcement to { $recipients } recipients
audit-action-broadcast_stopped = stopped announcement #{ $entry }
audit-action-manual_score_entered = scored { $indicator } = { $score }
audit-action-data_erased = erased their personal data

## Input that does not fit
input-empty = Nothing was written. Please try again.
input-too-short = Too short: at least { $min } letters.
input-too-long = Too long: at most { $max } characters.
input-name-characters = A name starts with a letter and may only have letters, spaces, dots, commas, hyphens and apostrophes (no digits or emoji). Example: Siti Aminah.
input-household-characters = Start with a letter or a digit, then use letters, digits, spaces and . , ' / - # ( ) only (no emoji). Example: Pak Budi's family, No. 12B.
input-place-characters = Use letters, digits, spaces and . , / - # ( ) & : only (no emoji). Example: Pos kamling RT 05.
input-not-a-whole-number = It must be a whole number, without a comma, from { $min } to { $max }.
input-not-a-number = That is not a number. Write just the number, from { $min } to { $max }.
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
error-rt-exists = RT { $number } is already registered in this kelurahan. A new head link for it: /tautanketua.
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
error-group-admin-only = Sorry, only an RT head who is an administrator of this group can link it. Ask the group owner to make you an administrator, then send /hubungkan again.
error-group-linked-elsewhere = This group is already linked to RT { $rt } Kelurahan { $kelurahan }, and a group serves one RT. If this group now belongs to your RT, ask the head of RT { $rt } (or their coordinator) to send /lepasgrup in this group, then send /hubungkan again.
error-group-not-linked = This group is not linked to any RT.
error-role-ketua_rt = Sorry, this command is for RT heads only.
error-role-admin-koordinator = Sorry, this command is for coordinators and city admins only.
error-role-admin = Sorry, this command is for city admins only.
error-role-admin-ketua_rt-koordinator = Sorry, only the RT head or a coordinator can handle this request.

## Other
fallback-message = Sorry, I did not understand. Send /bantuan to see the commands.
fallback-unknown-command = I do not know that command. Send /bantuan to see the commands.
fallback-stale-button = This button no longer works.
# Once per window, for someone sending too many messages at once.
flood-notice = Slow down, please 🙏 You sent too many messages in a short time. Wait { $seconds } seconds, then send again; messages sent meanwhile are not handled.

## Events, schedule, attendance
command-jadwal = The RT's schedule, and say if you come
command-hadir = Check in with a code
command-jadwalronda = The RT's night-watch rota
command-giliranku = My night-watch shifts (and swaps)
command-siapronda = Join/leave the night watch, set nights you cannot do
command-pengingat = Choose when I am reminded of activities
command-acara = Schedule an activity (gotong royong, ronda, meeting)
command-ubahacara = Change or cancel an activity
command-ronda = Set up the night watch (nights, hours, post, people)
command-buatjadwalronda = Make the night-watch rota
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
error-swap-not-open = This swap request no longer stands: that night is settled (someone is on it, or it has passed). Thank you!
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
event-created = { $kind } on { $when } is scheduled{ $count ->
        [1] .
       *[other] {" "}({ $count } dates ahead).
    } { $told ->
        [0] There is no other resident to tell yet.
        [one] 1 resident was told.
       *[other] { $told } residents were told.
    }
event-none-to-edit = There are no coming activities.
event-choose-occurrence = Choose the activity:
event-choose-change = What should change?
button-event-move = 🕒 Change the time
button-event-place = 📍 Change the place
button-event-cancel-one = ❌ Cancel this date
button-event-cancel-series = 🛑 Cancel this and all later dates
event-changed = Saved: { $when }, at { $place }. { $told ->
        [0] There is no other resident to tell yet.
        [one] 1 resident was told.
       *[other] { $told } residents were told.
    }
event-changed-notice = Schedule change: { $kind }, first set for { $before }, moves to { $when }, at { $place }.
event-cancelled = Cancelled. { $told ->
        [0] There is no other resident to tell yet.
        [one] 1 resident was told.
       *[other] { $told } residents were told.
    }
event-series-cancelled = This activity and all its later dates are cancelled. { $told ->
        [0] There is no other resident to tell yet.
        [one] 1 resident was told.
       *[other] { $told } residents were told.
    }
event-cancelled-notice = Cancelled: { $kind } on { $when }.
event-series-cancelled-notice = Cancelled: { $kind } on { $when } and the dates after it.
schedule-title = RT activities in the next 2 weeks ({ $count }):
schedule-empty = Nothing is scheduled in the next 2 weeks.
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
    Ask residents to send /siapronda, then make the rota with /buatjadwalronda.
ronda-volunteer-on = You are on the night watch. Tap the nights you cannot do (🚫) so you are not scheduled then.
ronda-volunteer-off = You are not on the night watch yet. Press the button below to join.
button-ronda-join = 🙋 Join the night watch
button-ronda-leave = Leave the night watch
rota-choose-weeks = Make the rota for how many weeks?
button-rota-weeks = { $weeks } weeks
rota-generated = Rota made: { $count } nights.
rota-title = Night-watch rota, RT { $rt } Kelurahan { $kelurahan } ({ $weeks } weeks):
rota-line = • { $day } at { $start }–{ $end } WIB: { $people }
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
command-lepasgrup = Unlink the Telegram group from its RT (send it in the group)
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
announce-ask-text = Write the announcement (at most { $max } characters), or send one poster photo with a caption (at most { $captionMax } characters) or without one. Bold, italics and links stay as you write them.
announce-text-only = An announcement must be text or one poster photo. Write it, send the photo, or send /batal.
announce-preview-title = Preview of the announcement:
announce-summary-private = • to { $count } people in private chats ({ $muted } who muted announcements are skipped)
announce-summary-group = • to the group of RT { $rt } Kelurahan { $kelurahan }
announce-summary-group-pinned = • to the group of RT { $rt } Kelurahan { $kelurahan }, then pinned
announce-confirm = Send this announcement?
button-broadcast-send = 📣 Send now
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
group-unlinked = This group is no longer linked to RT { $rt } Kelurahan { $kelurahan }. That RT's announcements and ronda rotas are no longer sent here.
group-added = Thank you for adding the Kampung BANTAR bot! RT head who administers this group: send /hubungkan in this group to link it to your RT.

## Reminders
reminder-kind-gotong-royong = community clean-up (gotong royong)
reminder-kind-ronda = night watch (ronda)
reminder-kind-rapat = residents' meeting
reminder-kind-lainnya = RT activity
reminder-evening = 🔔 Reminder: { $kind } on { $day } at { $time } WIB, at { $place }. See you there!
reminder-before = ⏰ Starting soon: { $kind } at { $time } WIB ({ $day }), at { $place }.
reminder-duty = 🔦 Your night-watch shift: { $day }, { $time }–{ $end } WIB at { $place }. When you reach the post, press "I'm at the night watch" below to check in. Thank you for keeping the neighbourhood safe!
reminder-late-warning = ⚠️ The message queue is full: { $late } of { $total } reminders for the { $kind } on { $day } at { $time } WIB will be late, by up to { $minutes } minutes. If needed, remind residents in the RT group.

## pojok baca
command-pinjamanku = Reading-corner books I have borrowed
command-baca = Log my reading (waits for a keeper to confirm)
command-sesibaca = Log a reading-corner session
command-buku = Reading-corner catalogue
command-pinjam = Lend a book to a resident
command-kembali = Record a returned book
command-konfirmasibaca = Confirm residents' reading reports
error-book-not-found = That book is not in the catalogue (it may have been removed).
error-book-exists = “{ $title }” is already in the catalogue ({ $copies } copies). Change the number of copies in /buku.
error-book-no-copy-free = Every copy of “{ $title }” is out on loan. Wait until one comes back.
error-book-copies-below-lent = Not possible: { $lent } copies are out on loan.
error-book-has-open-loans = This book cannot be removed yet: { $count } copies are still out. Record their return with /kembali first.
error-book-already-borrowed = { $name } already has “{ $title }” and has not returned it.
error-loan-not-found = That loan was not found.
error-borrower-not-member = Books can only be lent to active residents of this RT.
error-reading-attendee-not-member = Someone you picked is no longer an active member of this RT. The session was not saved; send /sesibaca again.
error-reading-attendees-exceed-count = You picked { $registered } residents, but { $count } people came. Pick fewer, or /batal and start again with the right number.
error-reading-session-in-future = A session can only be logged once it has taken place.
error-reading-log-not-found = That reading report was not found.
error-reading-log-own = Your own reading report is confirmed by another keeper or the ketua RT.
input-book-title-characters = Start with a letter or a digit, then use letters, digits, spaces and ordinary punctuation only (no emoji). Example: Laskar Pelangi.
input-reading-minutes-unrecognised = Write how long you read, e.g. "30", "45 menit" or "1,5 jam".
input-reading-minutes-out-of-range = Reading time must be between { $min } and { $max } minutes.
input-reading-date-unrecognised = I don't recognise that date. Tap a button, or write e.g. "kemarin", "Sabtu" or "21/11".
input-reading-date-future = That date has not come yet. Sessions are logged after they take place.
input-reading-date-too-old = That is more than { $days } days ago. Log a more recent session.
input-reading-time-future = That time has not come yet. Write when the session started, e.g. "15.30".
button-today = Today
button-yesterday = Yesterday
button-reading-confirm = ✅ Confirm
button-reading-reject = ❌ Reject
button-loan-days = { $days } days (back by { $day })
button-minutes = { $minutes } minutes
button-send-report = 📨 Send
button-book-add = ➕ Add a book
button-book-fewer = ➖ One copy fewer
button-book-more = ➕ One more copy
button-book-retire = 🗑 Remove from catalogue
button-book-retire-yes = Yes, remove it
button-loan-return = ↩️ { $title } — { $name }
reading-activity-membaca_bersama = Reading together
reading-activity-mendongeng = Storytelling
reading-activity-belajar_kelompok = Study group
reading-activity-tpa_mengaji = TPA / Qur'an study
reading-activity-lainnya = Other
reading-session-ask-date = When was the session? Tap a button, or write the date, e.g. "kemarin", "Sabtu" or "21/11".
reading-session-ask-time = What time did it start? E.g. "15.30" or "jam 4 sore".
reading-session-ask-activity = What was the activity?
reading-session-ask-note = What exactly? E.g. "Colouring contest".
reading-session-ask-count = How many people came (including children who are not registered)? Write the number, e.g. 12.
reading-session-ask-attendees = Which registered residents came? Tap names to tick them, then tap Done (you may tick none). Ticked: { $chosen } of the { $count } who came.
reading-session-summary =
    Please check:
    • Activity: { $activity }
    • When: { $when }
    • Attendance: { $count } people
    • Registered residents: { $names }
reading-session-saved = The { $activity } session on { $when } is logged: { $count } people came, and { $registered } registered residents have their participation recorded. Thank you!
book-ask-title = What is the book's title?
book-ask-author = Who wrote it? Tap Skip if you don't know.
book-ask-copies = How many copies are there? Write the number, e.g. 2.
book-summary =
    Please check:
    • Title: { $title }
    • Author: { $author }
    • Copies: { $copies }
book-added = “{ $title }” ({ $copies } copies) is now in the catalogue. See every book with /buku.
book-catalogue-empty = The reading corner of RT { $rt } has no books yet. Add the first one with the button below.
book-catalogue-title = 📚 Reading-corner catalogue of RT { $rt } ({ $count } titles). Tap a title to change its copies or remove it.
book-line = { $n }. { $title } — { $author } · { $available } of { $copies } available
book-card =
    📖 { $title }
    Author: { $author }
    Copies: { $copies } ({ $lent } on loan, { $available } available)
book-copies-set = “{ $title }” now has { $copies } copies.
book-retire-confirm = Remove “{ $title }” from the catalogue? Its loan history is kept.
book-retired = “{ $title }” has been removed from the catalogue.
book-retired-already = “{ $title }” is no longer in the catalogue.
loan-catalogue-empty = The reading corner has no books yet. Add some first with /buku.
loan-all-lent = Every book is out on loan. Record returns with /kembali.
loan-choose-book = Which book is being borrowed?
loan-book-label = { $title } ({ $available }/{ $copies })
loan-choose-borrower = Who is borrowing “{ $title }”?
loan-confirm = { $name } borrows “{ $title }”. For how long?
loan-done = Recorded: { $name } borrows “{ $title }”, due back by { $day }. We will remind them the day before.
loan-notice = 📚 You borrowed “{ $title }” from the RT reading corner. Please return it by { $day }. Enjoy the book!
loan-none-open = No books are out on loan.
loan-open-title = Books out on loan ({ $count }). Tap a book's button when it comes back.
loan-line = • { $title } — { $name }, due { $day }
loan-line-overdue = • { $title } — { $name }, due { $day } ⚠️ { $days } days late
loan-returned = Returned: “{ $title }” from { $name }.
loan-returned-already = “{ $title }” from { $name } was already recorded as returned.
loan-returned-notice = Thank you! “{ $title }” is recorded as returned to the RT reading corner.
loan-mine-empty = You have no books from the reading corner at the moment.
loan-mine-title = Books you have borrowed ({ $count }):
loan-mine-line = • { $title } — due back by { $day }
loan-mine-line-overdue = • { $title } — was due { $day } ⚠️ { $days } days late
loan-reminder-due = 📚 Reading-corner reminder: “{ $title }” is due back tomorrow, { $day }. Finished reading it? Thank you!
loan-reminder-overdue = 📚 “{ $title }” from the RT reading corner is { $days } days past its return date ({ $day }). Please bring it back to a keeper soon so other residents can read it too. Thank you!
reading-log-ask-title = Which book did you read? Write its title.
reading-log-ask-minutes = How long did you read? E.g. "30", "45 menit" or "1,5 jam".
reading-log-summary =
    Please check:
    • Book: { $title }
    • Reading time: { $minutes } minutes
    This report counts once a reading-corner keeper confirms it.
reading-log-sent = Thank you! Your reading (“{ $title }”, { $minutes } minutes) was sent to the reading-corner keepers and counts once confirmed.
reading-log-sent-no-keeper = Your reading (“{ $title }”, { $minutes } minutes) is saved, but your RT has no keeper who can confirm it yet. It counts once confirmed.
reading-log-request = 📖 Reading report from { $name }: “{ $title }”, { $minutes } minutes ({ $when }). Is it right?
reading-log-decided-confirmed = ✅ Confirmed by { $by }.
reading-log-decided-rejected = ❌ Rejected by { $by }.
reading-log-none-pending = No reading reports are waiting for confirmation.
reading-log-pending-title = Reading reports waiting for confirmation: { $count }.
reading-log-more = { $count } more reports are waiting. Send /konfirmasibaca again once these are done.
reading-log-already-confirmed = This report was already confirmed by { $by }. Nothing was changed.
reading-log-already-rejected = This report was already rejected by { $by }. Nothing was changed.
reading-log-confirmed = Confirmed: { $name }'s reading counts.
reading-log-rejected = Rejected: { $name }'s reading does not count.
reading-log-confirmed-notice = ✅ Your reading “{ $title }” ({ $minutes } minutes) was confirmed by a reading-corner keeper. Keep reading!
reading-log-rejected-notice = Your reading report “{ $title }” ({ $minutes } minutes) was not confirmed by the reading-corner keepers. If something is wrong, ask a keeper directly.

## bank sampah export
command-eksporbank = Export a waste bank's monthly report (Excel and CSV)
error-role-admin-ketua_rt-koordinator-petugas_bank = Sorry, this command is only for waste bank officers, RT heads, coordinators and city admins.
bank-export-no-bank = There is no waste bank whose report you can export yet. Reports can be exported by the bank's officers, the heads of the RTs it serves, and the coordinators of its area.
bank-export-choose-bank = Choose the waste bank whose report you want to export:
bank-export-choose-month = Report of { $bank } (Kelurahan { $kelurahan }). Choose the month:
bank-export-this-month = This month ({ $period })
bank-export-last-month = Last month ({ $period })
bank-export-month-invalid = This button is no longer valid. Send /eksporbank to choose the bank and month again.
bank-export-preparing = Preparing the report…
bank-export-chosen = Sending the report of { $bank } for { $period }.
bank-export-caption =
    📊 { $bank } — { $period }
    Deposits: { $depositCount } transactions, { $deposits }
    Withdrawals: { $withdrawalCount } transactions, { $withdrawals }
    Corrections: { $reversalCount } entries, { $reversals }
    Net change in savings: { $net }
    All residents' savings at month end: { $closing }
bank-export-caption-empty =
    📊 { $bank } — { $period }
    There were no transactions this month. The files are sent anyway (with column headings) for the transparency board.
    All residents' savings at month end: { $closing }
bank-export-caption-transactions = CSV: all transactions, { $period }
bank-export-caption-types = CSV: totals per waste type, { $period }
bank-export-file-xlsx = waste-bank-{ $bank }-{ $period }
bank-export-file-transactions = waste-bank-{ $bank }-{ $period }-transactions
bank-export-file-types = waste-bank-{ $bank }-{ $period }-per-type
bank-export-sheet-summary = Summary
bank-export-sheet-deposits = Deposits
bank-export-sheet-withdrawals = Withdrawals
bank-export-sheet-reversals = Corrections
bank-export-sheet-types = Per type
bank-export-kind-deposit = Deposit
bank-export-kind-withdrawal = Withdrawal
bank-export-kind-reversal = Correction
bank-export-unit-kg = kg
bank-export-unit-liter = liter
bank-export-anonymous = Resident (data erased)
bank-export-total = Total
bank-export-col-item = Item
bank-export-col-figure = Value
bank-export-col-kind = Transaction
bank-export-col-time = Time (WIB)
bank-export-col-date = Date (WIB)
bank-export-col-clock = Time (WIB)
bank-export-col-entry = Entry no.
bank-export-col-resident = Resident
bank-export-col-member-code = Member code
bank-export-col-rt = RT
bank-export-col-waste-type = Waste type
bank-export-col-quantity-base = Weight/volume (grams/ml)
bank-export-col-unit = Price unit
bank-export-col-quantity = Weight/volume (kg/liters)
bank-export-col-price = Price per unit (Rp)
bank-export-col-value = Value (Rp)
bank-export-col-amount = Amount (Rp)
bank-export-col-reverses = Cancels entry
bank-export-col-reverses-kind = Kind of cancelled entry
bank-export-col-reverses-time = Time of cancelled entry (WIB)
bank-export-col-reversed-by = Cancelled by entry
bank-export-col-reason = Reason
bank-export-col-officer = Officer
bank-export-col-deposited-quantity-base = Deposited (grams/ml)
bank-export-col-reversed-quantity-base = Cancelled (grams/ml)
bank-export-col-net-quantity-base = Net (grams/ml)
bank-export-col-net-quantity = Net (kg/liters)
bank-export-col-deposited-value = Value deposited (Rp)
bank-export-col-reversed-value = Value cancelled (Rp)
bank-export-col-net-value = Net value (Rp)
bank-export-summary-bank = Waste bank
bank-export-summary-kelurahan = Kelurahan
bank-export-summary-kecamatan = Kecamatan
bank-export-summary-rts = RTs served
bank-export-summary-period = Period
bank-export-summary-generated = Generated at (WIB)
bank-export-summary-opening = All residents' savings at month start (Rp)
bank-export-summary-deposit-count = Number of deposits
bank-export-summary-deposits = Value of deposits (Rp)
bank-export-summary-withdrawal-count = Number of withdrawals
bank-export-summary-withdrawals = Value of withdrawals (Rp)
bank-export-summary-reversal-count = Number of corrections
bank-export-summary-reversals = Value of corrections (Rp)
bank-export-summary-net = Net change in savings (Rp)
bank-export-summary-closing = All residents' savings at month end (Rp)
bank-export-summary-note = Note
bank-export-summary-note-text = Corrections count in the month they were recorded. Cancelled deposits are not counted in the net value per waste type. Weights in grams, cooking oil in millilitres.

## skor
indicator-b1 = Healthy, well-ordered housing and settlement facilities
indicator-b2 = Adequate neighbourhood facilities and infrastructure
indicator-b3 = Residents' participation and awareness in keeping the neighbourhood clean
indicator-b4 = Green open space and a neighbourhood free of pollution
indicator-b5 = Use of idle land for household and community needs (e.g. family medicinal plants, TOGA)
indicator-b6 = Healthy sanitation
indicator-b7 = The spirit of gotong royong and social solidarity
indicator-a1 = Free of drugs (NAPZA) and alcohol (MIRAS)
indicator-a2 = Free of crime
indicator-a3 = Free of prostitution and indecency
indicator-a4 = Free of domestic violence, divorce, discrimination and child exploitation
indicator-a5 = Deliberation to consensus (musyawarah) in community affairs
indicator-a6 = High political and legal awareness
indicator-a7 = Upholding customs (adat), national culture and legal norms
indicator-p1 = A community economic-empowerment institution
indicator-p2 = Education institutions and groups that raise human resources (reading corner, Qur'an study, study groups)
indicator-p3 = Social, community, youth and religious organisations
indicator-p4 = Free of illiteracy and school drop-out
indicator-p5 = Free of unemployment
indicator-p6 = Free of maternal and under-five deaths
indicator-p7 = The ability to develop local human potential for social and economic welfare
## The rubric: what 2, 1 and 0 mean for each indicator (assessors, self-assessment, bulk entry)
rubric-b1-2 = Most homes and yards clean and orderly, lanes tidy, no slum housing
rubric-b1-1 = Some homes orderly, a few run-down or disorderly spots remain
rubric-b1-0 = Many homes and yards run-down and disorderly
rubric-b2-2 = Roads, drains, lighting and public facilities complete and maintained
rubric-b2-1 = Facilities exist but some are broken or poorly kept
rubric-b2-0 = Basic facilities lacking or largely broken
rubric-b3-2 = Most households keep the neighbourhood clean (gotong royong, waste bank, sorting)
rubric-b3-1 = Some households take part, clean-ups not yet regular
rubric-b3-0 = Only a few residents care for cleanliness
rubric-b4-2 = Maintained green open space, air and water free of pollution
rubric-b4-1 = Some greenery, small sources of pollution remain
rubric-b4-0 = No greenery, clear pollution
rubric-b5-2 = Idle land used for TOGA, vegetables or a shared garden, tended regularly
rubric-b5-1 = Some land used, care not yet regular
rubric-b5-0 = Idle land left neglected
rubric-b6-2 = Every home has a healthy latrine, drains flow, no standing water
rubric-b6-1 = Most homes have healthy latrines, some drains blocked
rubric-b6-0 = Many homes without healthy latrines, drains blocked and stagnant
rubric-b7-2 = Regular gotong royong (at least twice a month), well attended
rubric-b7-1 = Gotong royong held but rarely or thinly attended
rubric-b7-0 = Almost no gotong royong
rubric-a1-2 = No drug or alcohol cases, residents hold outreach or watch
rubric-a1-1 = Rare cases, dealt with
rubric-a1-0 = Drugs or alcohol are traded or abused
rubric-a2-2 = Ronda kept almost every night, no crime
rubric-a2-1 = Ronda kept some nights, minor incidents
rubric-a2-0 = No ronda, frequent crime
rubric-a3-2 = No prostitution or indecency
rubric-a3-1 = Rare incidents, dealt with
rubric-a3-0 = Prostitution or indecency present
rubric-a4-2 = No known domestic violence, discrimination or child exploitation
rubric-a4-1 = Rare cases, dealt with or accompanied
rubric-a4-0 = Cases left unaddressed
rubric-a5-2 = Regular residents' meetings, many households present, decisions taken together
rubric-a5-1 = Meetings held but rarely or thinly attended
rubric-a5-0 = Decisions taken without deliberation
rubric-a6-2 = Residents active in elections and legal-awareness activities, civil records in order
rubric-a6-1 = Some residents active, records not in order
rubric-a6-0 = Low political and legal awareness
rubric-a7-2 = Customs, culture and religious gatherings kept together regularly
rubric-a7-1 = Customary and religious gatherings held but rarely
rubric-a7-0 = Customs and norms not kept
rubric-p1-2 = A working community economic institution (cooperative, small businesses, waste bank)
rubric-p1-1 = An institution exists but is not active
rubric-p1-0 = No community economic institution
rubric-p2-2 = Reading corner, Qur'an study or study group active every week
rubric-p2-1 = Exists but rarely active
rubric-p2-0 = No educational institution or group
rubric-p3-2 = Youth group, PKK, religious study or other organisations active and meeting regularly
rubric-p3-1 = Organisations exist but rarely meet
rubric-p3-0 = No working organisation
rubric-p4-2 = No illiterate residents or school drop-outs
rubric-p4-1 = A few cases, being helped
rubric-p4-0 = Illiteracy or drop-outs left unaddressed
rubric-p5-2 = Nearly all working-age residents work or run a business
rubric-p5-1 = Some unemployment, partly helped by training or business
rubric-p5-0 = Much unemployment, no joint effort
rubric-p6-2 = No maternal or under-five deaths, posyandu active every month
rubric-p6-1 = Posyandu exists but irregular
rubric-p6-0 = Maternal or under-five deaths, no working posyandu
rubric-p7-2 = Residents' potential developed (training, local products), raising welfare
rubric-p7-1 = Some development, no effect yet
rubric-p7-0 = No effort to develop residents' potential
dimension-bersih = Clean (Bersih)
dimension-aman = Safe (Aman)
dimension-pintar = Smart (Pintar)
category-besar = Large (100 households or more)
category-sedang = Medium (50–99 households)
category-kecil = Small (under 50 households)
score-explain-b3 = { $code } = { $score }: { $percent }% of households took part in gotong royong or the waste bank in the last { $days } days; the threshold for { $next } is { $target }%
score-explain-b7 = { $code } = { $score }: gotong royong held { $held } times in the last { $days } days, { $percent }% of households present on average; { $next } needs { $times } times with { $target }% present
score-explain-a2 = { $code } = { $score }: { $staffed } of { $held } ronda shifts staffed ({ $percent }%); the threshold for { $next } is { $target }%
score-explain-a2-none = { $code } = 0: no ronda shift was scheduled in the last { $days } days
score-explain-a5 = { $code } = { $score }: residents' meeting held { $held } times in the last { $days } days, { $percent }% of households present on average; { $next } needs { $times } times with { $target }% present
score-explain-a5-polls = { $code } = { $score }: musyawarah poll held { $held } times in the last { $days } days, { $percent }% of households voting on average (better than the residents' meetings); { $next } needs { $times } times with { $target }%
score-explain-p2 = { $code } = { $score }: { $sessions } reading-corner or study sessions in the last { $days } days; the threshold for { $next } is { $target } sessions
score-explain-p4 = { $code } = { $score }: { $readers } residents read or borrowed books in the last { $days } days ({ $percent }% of the household count); the threshold for { $next } is { $target }%
score-explain-no-households = { $code } = 0: this RT's household count is not set, so the percentage cannot be computed
score-explain-manual = { $code } = { $score }: scored by the coordinator on { $date }
score-explain-manual-note = { $code } = { $score }: scored by the coordinator on { $date } ({ $note })
score-explain-missing = { $code } has not been scored by the coordinator yet (counted as 0 for now)
score-explain-manual-until-records = { $code } = { $score }: scored by the coordinator on { $date }; it stands until the last { $days } days hold a record of the activity
score-suggestion-b1 = Tidy homes and surroundings: neat fences and footpaths, house numbers up, no piles of junk.
score-suggestion-b2 = Check shared facilities (drains, street lights, sorted-waste bins) and propose repairs at the RT meeting.
score-suggestion-b3 = Invite every household to join gotong royong or save at the waste bank; the target is { $percent }% of households in { $days } days.
score-suggestion-b4 = Plant shade trees and ornamental plants in open spaces, and agree together not to burn rubbish.
score-suggestion-b5 = Turn idle land into a shared TOGA or vegetable garden.
score-suggestion-b6 = Make sure every home has a healthy latrine and a covered waste-water drain; clear the gutters regularly.
score-suggestion-b7 =
    Hold gotong royong { $weeks ->
        [1] every week
        [4] once a month
       *[other] every { $weeks } weeks
    } and get at least { $percent }% of households to come.
score-suggestion-a1 = Invite the Babinkamtibmas officer or BNN to talk to teenagers and parents about drugs and alcohol.
score-suggestion-a2 = Fill the ronda rota and remind those on duty to check in at the pos kamling; the target is { $percent }% of shifts staffed.
score-suggestion-a3 = Ask every household to report overnight guests to the ketua RT within 24 hours.
score-suggestion-a4 = Hold an information session on preventing domestic violence and protecting children with the PKK or the puskesmas.
score-suggestion-a5 =
    Hold a residents' meeting { $weeks ->
        [1] every week
        [4] once a month
       *[other] every { $weeks } weeks
    } and invite every household; the target is { $percent }% of households present.
score-suggestion-a6 = Encourage residents to attend the kelurahan's legal and electoral information sessions, and involve them in RT deliberations.
score-suggestion-a7 = Revive customary activities and national-day celebrations with the residents.
score-suggestion-p1 = Set up or revive a residents' business group (cooperative, UP2K-PKK, small enterprises) and record its activities.
score-suggestion-p2 =
    Open the reading corner, a study group or Qur'an class { $perweek ->
        [1] once a week
       *[other] { $perweek } times a week
    } and record every session through the bot.
score-suggestion-p3 = Revive the youth group (karang taruna), the majelis taklim or the PKK with regular activities.
score-suggestion-p4 = Invite children and residents to borrow books from the reading corner and report their reading through the bot; the target is readers equal to { $percent }% of the household count.
score-suggestion-p5 = List residents without work and connect them with job training or openings from the kelurahan.
score-suggestion-p6 = Revive the posyandu and make sure pregnant women and under-fives are checked regularly.
score-suggestion-p7 = Hold skills training (sewing, food processing, crafts) that suits the residents' potential.
error-indicator-unknown = Unknown indicator { $code }. Use a code B1–B7, A1–A7 or P1–P7.
error-indicator-automatic = Indicator { $code } is computed automatically from residents' activity records, so it is not entered by hand.
error-indicator-score-invalid = An indicator score must be 0 (poor), 1 (fair) or 2 (good).
error-indicator-date-in-future = The assessment date is not valid or lies after today.
error-indicator-note-too-long = The assessment note is too long (at most { $max } characters).

## bank sampah
command-saldo = Waste-bank savings balance and history
command-banksampah = Waste bank: prices, monthly report, and running it
command-setor = Record a resident's waste deposit
command-tarik = Record a withdrawal from a resident's savings
command-koreksi = Correct a mistaken waste-bank transaction
command-harga = Waste types and their prices
error-role-petugas_bank = Sorry, this command is only for waste-bank officers.
error-role-penilai = Sorry, this command is only for members of the current round's assessment team.
error-waste-bank-not-found = That waste bank was not found.
error-waste-bank-one-kelurahan = A waste bank can only serve RTs of one kelurahan.
error-rt-has-waste-bank = This RT is already served by a waste bank. Send /banksampah to see it.
error-resident-not-served = This person is not an active resident of an RT this waste bank serves.
error-waste-type-exists = The waste type "{ $name }" already exists at this waste bank.
error-waste-type-not-found = That waste type was not found or is no longer in use.
error-price-out-of-range = The price must be between Rp 0 and Rp { $max }.
error-deposit-empty = This deposit has no waste types and weights yet.
error-deposit-too-many-lines = One deposit holds at most { $max } lines. Save it first, then record the rest as a new deposit.
error-deposit-line-invalid = The weight or volume of a line must be more than 0 and at most { $max } kg or litres.
error-deposit-prices-changed = A waste price changed before this deposit was saved, so nothing was saved. Check the total at the new prices, then save again.
error-balance-limit-exceeded = This deposit would take the balance past the limit of one account (Rp { $max }), so it was not saved. Please check the weights and prices again.
error-withdrawal-amount-invalid = A withdrawal must be more than Rp 0 and at most Rp { $max }.
error-reversal-reason-required = Please write the reason for the correction first, so the record stays clear.
error-insufficient-balance = Not enough savings: the balance is Rp { $balance }. A withdrawal cannot exceed the balance.
error-entry-not-found = That transaction was not found.
error-entry-already-reversed = This transaction has already been corrected. A transaction can be corrected only once.
error-reversal-of-reversal = A correction cannot be corrected again. If it was wrong, record the transaction again as a new deposit or withdrawal.
error-reversal-exceeds-balance = This correction would make the balance negative: the balance is Rp { $balance }, because part of the money has been withdrawn. Correct the withdrawal first.
input-quantity-unrecognised = I could not read that amount. Write a number and its unit, for example "2.5", "2.5 kg", "750 gr" or "1.2 liter".
input-quantity-wrong-unit = That unit does not fit this waste type: types priced per kg are written in kg or grams, types priced per liter in liters or ml.
input-quantity-not-positive = The amount must be more than zero.
input-quantity-too-precise = Too precise: the smallest step is 1 gram (or 1 ml). For example "2.5 kg" or "750 gr".
input-quantity-too-large = Too much for one line: at most { $max } kg or { $max } liters. A dot groups thousands: for two and a half kilos write "2,5" or "2.5", not "2.500".
input-money-unrecognised = I could not read that amount of money. Write for example "50.000", "Rp 50.000" or "50 rb".
input-money-ambiguous = Write thousands with a dot, not a comma: "12.500", not "12,500".
input-money-not-whole = Rupiah have no cents. Write a whole number, for example "12.500".
input-money-out-of-range = The amount must be between Rp { $min } and Rp { $max }.
bank-list-title = Waste banks in your area ({ $count }). Choose one to see its RTs and officers:
bank-list-empty = There is no waste bank in your area yet. Open the first one with the button below.
bank-list-button = { $bank } · { $kelurahan }
button-bank-new = ➕ Open a new waste bank
bank-details =
    🏦 { $bank }
    Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
    • RTs served: { $rts }
    • Officers: { $officers }
bank-no-officers = none yet
bank-rt-label = RT { $rt }
button-bank-appoint = ➕ Appoint an officer
button-bank-revoke = ➖ Remove an officer
button-bank-add-rt = 🏘 Serve another RT
bank-appoint-choose = Choose the resident to appoint as an officer of { $bank }:
bank-appoint-none = There is no active resident of the RTs { $bank } serves who could be appointed (all are officers already).
bank-member-button = { $name } (RT { $rt })
bank-officer-appointed = { $name } is now an officer of { $bank }.
bank-officer-revoked = { $name } is no longer an officer of { $bank }.
bank-officer-appointed-notice =
    You have been appointed an officer of { $bank }. Thank you! 🙏
    Record residents' deposits with /setor, withdrawals with /tarik, corrections with /koreksi, and set waste types and prices with /harga.
bank-officer-revoked-notice = You are no longer an officer of { $bank }. Thank you for your help.
bank-revoke-choose = Tap the officer of { $bank } to remove:
bank-revoke-none = { $bank } has no officers yet.
bank-add-rt-choose = RTs of Kelurahan { $kelurahan } not served by a waste bank yet. Tap one to add it to { $bank }:
bank-no-free-rt = Every registered RT of Kelurahan { $kelurahan } is already served by a waste bank.
bank-choose-rts = Choose the RTs of Kelurahan { $kelurahan } this waste bank will serve (one or more), then press Done.
bank-rts-needed = Choose at least one RT.
bank-ask-name = What is the waste bank called? Write its name, or use the suggestion below.
bank-name-suggestion-rt = Bank Sampah RT { $rt } { $kelurahan }
bank-name-suggestion-kelurahan = Bank Sampah Kelurahan { $kelurahan }
bank-created = ✅ { $bank } is open, with { $types } waste types and their starting prices. Its officers can change the prices with /harga. Now appoint its officers:
bank-choose-bank = You are an officer of more than one waste bank. Which one?
bank-ask-resident = Whose deposit is it? Write the resident's name (part of it is enough) or member code, for example W123 (shown in the resident's /profil).
bank-ask-account-holder = Whose savings? Write the resident's name (part of it is enough) or member code, for example W123 (shown in the resident's /profil).
bank-resident-none = No customer of this waste bank is named or coded "{ $query }". Please try again.
bank-resident-moved = That resident no longer lives in an RT { $bank } serves, so new deposits cannot be recorded (their savings can still be withdrawn with /tarik). Write another name.
bank-choose-resident = Choose the resident:
button-search-again = 🔎 Search again
bank-resident-label = { $name } · RT { $rt } · { $household } · { $code }
bank-resident-label-away = { $name } · moved away · { $code }
bank-no-types = This waste bank has no waste types yet. Add them first with /harga.
bank-choose-type = Which waste type is { $name } depositing?
bank-type-button = { $type } · { $price }
bank-ask-weight = How much does the { $type } weigh? Write it as the scale shows, for example "2.5", "2.5 kg" or "750 gr".
bank-ask-volume = How much { $type }? Write for example "1.2 liter", "1.2" or "500 ml".
bank-deposit-summary = Deposit of { $name } ({ $code }) at { $bank }:
bank-deposit-summary-line = { $number }. { $type }: { $quantity } × { $price } = { $value }
bank-deposit-summary-total = Total: { $total }
bank-deposit-no-lines = No lines yet. Press "Add a type" to add one.
bank-deposit-full = { $max } lines, the most one deposit holds. Save it first, then record the rest as a new deposit.
bank-deposit-prices-changed = ⚠️ A price changed since the summary above, so this deposit is not saved yet. Here is the summary at the new prices: check the total, then press Save again if it is right.
button-bank-add-line = ➕ Add a type
button-bank-undo-line = ↩️ Remove the last line
bank-deposit-saved = ✅ { $name }'s deposit is saved.
bank-receipt-sent = The receipt has been sent to { $name } in a private message.
bank-receipt-not-sent = { $name } cannot be reached through the bot, so no receipt was sent. Please tell them in person.
bank-receipt-deposit =
    🧾 Deposit receipt, { $bank }
    No. { $entry } · { $when }
    Customer: { $name } ({ $code })
    { $lines }
    Total: { $total }
    Balance now: { $balance }
    Officer: { $officer }
bank-receipt-line = • { $type }: { $quantity } × { $price } = { $value }
bank-receipt-withdrawal =
    🧾 Withdrawal receipt, { $bank }
    No. { $entry } · { $when }
    Customer: { $name } ({ $code })
    Withdrawn: { $amount }
    Balance now: { $balance }
    Officer: { $officer }
bank-receipt-reversal =
    🧾 Correction, { $bank }
    No. { $entry } · { $when }
    Customer: { $name } ({ $code })
    { $what } No. { $original } of { $dated } is cancelled: { $amount }
    Reason: { $reason }
    Balance now: { $balance }
    Officer: { $officer }
bank-withdraw-nothing = { $name }'s balance is { $balance }. There is nothing to withdraw.
bank-ask-withdrawal = { $name }'s balance: { $balance }. How much is withdrawn? Write for example "50.000" or "50 rb".
bank-withdraw-confirm =
    Withdraw { $amount } from { $name }'s savings?
    Balance now { $balance }, afterwards { $after }.
button-bank-withdraw = ✅ Record the withdrawal
bank-withdrawal-saved = ✅ { $name }'s withdrawal is saved. Hand over the money as the receipt below says.
bank-already-saved = Already saved as transaction No. { $entry } for { $name }. It is not recorded twice.
bank-reversal-none = { $name } has no transaction that can be corrected.
bank-choose-entry = Which of { $name }'s transactions is wrong? (the last 10 not yet corrected)
bank-ask-reason = What is the reason? Keep it short, for example "weighed wrong, should be 1.5 kg". The reason is kept for good and sent to the resident.
bank-reversal-confirm =
    Cancel { $kind } No. { $entry } of { $amount } for { $name }?
    Reason: { $reason }
    The original transaction stays on record; a correcting transaction is added.
button-bank-reverse = ✅ Yes, correct it
bank-reversal-saved = ✅ The correction for { $name } is saved.
bank-kind-deposit = Deposit
bank-kind-withdrawal = Withdrawal
bank-kind-reversal = Correction
bank-entry-line = { $when } · { $kind } No. { $entry } · { $amount }
bank-entry-reverses = (cancels No. { $original })
bank-entry-reversed = (corrected)
bank-prices-title = Prices at { $bank } now:
bank-price-line = • { $type }: { $price }
bank-price-line-next = • { $type }: { $price }, becoming { $next } from { $from }
bank-prices-empty = No waste types yet.
button-bank-price-change = ✏️ Change a price
button-bank-type-add = ➕ Add a type
button-bank-type-retire = 🗑 Stop a type
button-bank-price-history = 📜 Price history
bank-prices-done = Done. Send /harga again any time.
bank-choose-price-type = Which waste type?
bank-ask-new-price = What is the new price of { $type } per { $unit }? It is { $current } now. Write for example "2.000" or "Rp 2.000".
bank-ask-price-from = From when? Press a button, or write the date (for example "tanggal 1" or "Senin 08.00").
button-price-from-now = From now
button-price-from-tomorrow = From tomorrow 00.00 WIB
bank-price-changed = ✅ { $type } now costs { $price }, from { $from }. Earlier deposits keep the old price.
bank-price-scheduled = ✅ { $type } will cost { $price } from { $from }. Until then the old price stays.
bank-ask-type-name = What is the new waste type called? For example "Clear glass bottles" or "Aluminium".
bank-choose-unit = How is { $type } priced?
button-unit-kg = per kg (weighed)
button-unit-liter = per liter (measured)
bank-ask-price = What is the price of { $type } per { $unit }? Write for example "2.500" or "Rp 2.500".
bank-type-added = ✅ { $type } added at { $price }.
bank-retire-confirm = Stop { $type }? It can no longer be chosen for new deposits; earlier deposits stay on record.
button-bank-type-retire-yes = Yes, stop it
bank-type-retired = ✅ { $type } is no longer used for new deposits.
bank-price-history-title = Price history of { $type }:
bank-price-history-line = • { $price } from { $from }
bank-price-history-scheduled = • { $price } from { $from } (scheduled)
bank-balance =
    💰 Your savings at { $bank }
    Balance: { $balance }
bank-balance-recent = Latest transactions ({ $count }):
bank-balance-no-entries = No transactions yet.
bank-statement-offer = Monthly statements:
button-statement-this-month = 📄 This month
button-statement-last-month = 📄 Last month
bank-balance-none = You have no waste-bank savings yet. Bring sorted waste to your RT's waste-bank officer to start saving.
bank-balance-none-unregistered = You have no waste-bank savings yet. Savings open when a resident of an RT with a waste bank deposits waste; send /start to join your RT.
bank-statement-title =
    📄 Savings statement, { $bank }
    { $month }
    Opening balance: { $opening }
bank-statement-no-entries = No transactions this month.
bank-statement-totals =
    Deposits: { $deposits }
    Withdrawals: { $withdrawals }
    Corrections: { $reversals }
    Closing balance: { $closing }
bank-statement-unavailable = This statement is not available.

## skor bot
command-skor = Kampung BANTAR scores: my points, RT scorecard, RT ranking
command-nilai = Enter the indicator scores a koordinator assesses
error-role-admin-ketua_rt-koordinator-warga = Sorry, this command is for registered residents of an RT, ketua RT, koordinator and city admins. Send /start to register.
button-score-view-area = 📊 RT ranking in my area
button-score-view-rt = 📋 My RT's scorecard
button-score-view-me = 🙋 My points
score-trend-naik = rising
score-trend-stabil = steady
score-trend-menurun = fading
score-rate-unknown = — (KK count not set)
score-kind-gotong_royong = gotong royong
score-kind-ronda = ronda
score-kind-rapat = RT meeting
score-kind-lainnya = other activity
score-kind-bank_sampah = waste bank
score-kind-pojok_baca_sesi = reading-corner session
score-kind-pojok_baca_pinjam = book loan
score-kind-membaca = reading
score-me-title = 🙋 Your participation points in the last { $days } days: { $points } points from { $records } activities.
score-me-none = 🙋 None of your activities were recorded in the last { $days } days. Join gotong royong, ronda, the waste bank or the reading corner to earn points.
score-me-breakdown = Breakdown: { $kinds }
score-me-kind = { $kind } { $count }×
score-me-rt = 🏘 RT { $rt } { $kelurahan }: score { $total }, category { $category }, participation trend { $trend }.
score-card-title = 📋 Kampung BANTAR scorecard — RT { $rt } Kel. { $kelurahan }, Kec. { $kecamatan }
score-card-summary = Total score: { $total } · category { $category }, { $households } KK · award { $award }
score-card-missing = { $count } indicators not yet assessed by a koordinator (marked —, left out of the total).
score-card-dimension = ▪️ { $dimension }: { $total }
score-card-indicator = { $code } { $label }: { $score }
score-card-explain = { "   " }↳ { $explanation }
score-card-trend = 📈 Participation trend: { $trend }
score-card-sparkline = Last 12 weeks: { $sparkline }
score-card-weeks = Households taking part per week, last 4 weeks: { $weeks }
score-card-fading = ⚠️ Participation in the last 4 weeks fell { $percent }% compared with the 4 weeks before.
score-card-weakest-title = 🎯 The three weakest indicators and what to do:
score-card-weakest = { $rank }. { $code } { $label } (score { $score }): { $suggestion }
score-rank-title = 📊 Ranking of { $count } RTs in your area, last { $days } days. RTs whose participation is fading ({ $fading }) come first, marked ⚠️.
score-rank-line = { $rank }. RT { $rt } { $kelurahan } — { $total } · participation { $rate }
score-rank-line-fading = { $rank }. ⚠️ RT { $rt } { $kelurahan } — { $total } · participation { $rate } · down { $drop }%
score-rank-empty = No RT is registered in your area yet.
score-rank-open = Tap an RT below to open its scorecard.
score-rank-button = RT { $rt } · { $kelurahan }
score-rank-button-fading = ⚠️ RT { $rt } · { $kelurahan }
score-short-b1 = Healthy, orderly housing
score-short-b2 = Neighbourhood facilities
score-short-b3 = Cleanliness participation
score-short-b4 = Green space, no pollution
score-short-b5 = Idle land and TOGA
score-short-b6 = Healthy sanitation
score-short-b7 = Gotong royong
score-short-a1 = Free of drugs and alcohol
score-short-a2 = Free of crime (ronda)
score-short-a3 = Free of prostitution
score-short-a4 = Free of domestic violence
score-short-a5 = Musyawarah
score-short-a6 = Political and legal awareness
score-short-a7 = Adat and legal norms
score-short-p1 = Community economy
score-short-p2 = Reading corner, study groups
score-short-p3 = Social and youth organisations
score-short-p4 = Free of illiteracy
score-short-p5 = Free of unemployment
score-short-p6 = Free of maternal and child deaths
score-short-p7 = Local human potential
score-entry-choose-rt = Which RT are you assessing?
score-entry-rt-button = RT { $rt } · { $kelurahan }
score-entry-no-rt-kelurahan = No RT is registered in Kelurahan { $kelurahan } yet.
score-entry-choose-indicator = Which indicator are you scoring for RT { $rt } { $kelurahan }? The number on each button is its current score (— means not assessed yet).
score-entry-indicator-button = { $code } { $label } · { $score }
score-entry-ask-score =
    { $code } — { $indicator }
    Current score: { $current }. Choose the new score:
score-entry-current-none = not assessed yet
button-score-2 = 2 — good
button-score-1 = 1 — fair
button-score-0 = 0 — poor
button-score-history = 📜 History
score-entry-ask-note = Write a short note on the assessment (at most { $max } characters), or tap Skip.
score-entry-ask-date = When was this RT assessed? Tap Today, or write the date, for example "yesterday" or "20/11".
score-entry-confirm =
    Save this assessment?
    RT { $rt } Kel. { $kelurahan }
    { $code } { $label }: { $score }
    Note: { $note }
    Assessed on: { $date }
score-entry-no-note = —
score-entry-saved = ✅ Score { $code } of RT { $rt } { $kelurahan } saved: { $score } (assessed { $date }). The RT's total is now { $total }.
score-entry-already-saved = This assessment is already saved. It is not recorded twice.
score-history-title = 📜 History of { $code } { $label } — RT { $rt } { $kelurahan } (newest first):
score-history-line = • { $date }: score { $score }, by { $by }
score-history-line-note = • { $date }: score { $score }, by { $by } — { $note }
score-history-empty = { $code } of RT { $rt } { $kelurahan } has never been assessed.
input-score-date-future = That date has not come yet. Write a date already past, or tap Today.
input-score-date-too-old = That is more than { $days } days ago. An assessment that old cannot be entered through the bot; contact the city admin.

## digest
digest-trend-naik = rising
digest-trend-stabil = steady
digest-trend-menurun = fading, down { $percent }%
digest-trend-word-naik = rising
digest-trend-word-stabil = steady
digest-trend-word-menurun = fading
digest-koordinator-title = 📊 Kampung BANTAR weekly digest, { $week }
digest-koordinator-empty = No RT is registered in your area yet.
digest-koordinator-counts = RTs in your area: { $count }. Fading participation: { $fading } (marked ⚠️, listed first).
digest-koordinator-line = { $rank }. RT { $rt } { $kelurahan }: score { $total } · households taking part last week { $rate } · { $trend }
digest-koordinator-line-fading = { $rank }. ⚠️ RT { $rt } { $kelurahan }: score { $total } · households taking part last week { $rate } · { $trend }
digest-koordinator-more = …and { $count } more RTs; see the Excel attachment.
digest-koordinator-footer = The trend chart and the Excel attachment (RT list, scorecards, participation by activity) follow this message.
digest-ketua-title = 📊 Weekly digest for RT { $rt } { $kelurahan }, { $week }
digest-ketua-score = Kampung BANTAR score: { $total } (Bersih { $bersih }, Aman { $aman }, Pintar { $pintar }) · category { $category }
digest-ketua-participation = Households taking part: { $window } in the last { $days } days, { $latest } last week.
digest-ketua-trend = Last 4 weeks compared with the 4 before: { $trend }.
digest-ketua-weakest-title = 🎯 The three indicators most in need of work:
digest-ketua-weakest = { $rank }. { $code } { $label } (score { $score }). Suggestion: { $suggestion }
digest-chart-title = Participation trend per RT, last 12 weeks
digest-chart-x = Week starting
digest-chart-y = Households taking part
digest-chart-no-data = No participation data yet
digest-chart-hidden = { $count } more RTs not shown
digest-chart-caption = 📈 Participation trend per RT. Fading RTs come first.
digest-xlsx-caption = 📎 This week's details: RT list, 21-indicator scorecards, and participation by activity over the last 4 weeks.
digest-sheet-rts = RT list
digest-sheet-scorecards = Scorecards
digest-sheet-participation = Participation by kind
digest-col-rt = RT
digest-col-kelurahan = Kelurahan
digest-col-kecamatan = Kecamatan
digest-col-households = Households (KK)
digest-col-category = Category
digest-col-score = Total score
digest-col-rate-window = Taking part, 28 days
digest-col-rate-latest = Taking part, last week
digest-col-trend = Trend
digest-col-drop = Drop (%)
digest-col-code = Code
digest-col-indicator = Indicator
digest-col-week = Week starting
digest-col-total = Total
digest-kind-gotong_royong = Gotong royong
digest-kind-ronda = Night watch
digest-kind-rapat = Residents' meeting
digest-kind-lainnya = Other activity
digest-kind-bank_sampah = Waste bank
digest-kind-pojok_baca_sesi = Reading-corner session
digest-kind-pojok_baca_pinjam = Book loan
digest-kind-membaca = Reading
command-ringkasan = Weekly digest: RT scores and trends, chart, Excel attachment
command-ekspor = Download the scorecards and participation of your area's RTs (Excel)

## Faults and long work
error-database-unavailable = Sorry, the system is briefly unavailable. Please try again in a moment.
long-work-preparing = Being prepared; it will arrive in a moment.
long-work-failed = Sorry, your request could not be prepared. Please try again in a moment.

## issue 14: ronda
ronda-gap-offer = The night watch on { $when } is open because a resident no longer takes part. Can you take it?
ronda-gap-line = { $count ->
        [0] • { $when } (nobody else is free that night: choose someone with /jadwalronda, button "Put a resident on a night")
       *[other] • { $when } (offered to { $count } residents)
    }
ronda-gaps-ketua =
    ⚠️ { $name } is no longer a resident of the RT, so their night-watch shifts were released. Open nights:
    { $nights }
    A request for someone to fill them went to the residents free those nights.
ronda-gaps-ketua-erased =
    ⚠️ A resident erased their data from the bot, so their night-watch shifts were released. Open nights:
    { $nights }
    A request for someone to fill them went to the residents free those nights.
ronda-gap-filled-ketua = The open night watch on { $when } is now taken by { $name }.
ronda-cannot-ketua = { $count ->
        [0] { $name } cannot do the night watch on { $when }, and nobody else is free that night. Choose someone with /jadwalronda, button "Put a resident on a night".
       *[other] { $name } cannot do the night watch on { $when }. A swap request went to { $count } residents free that night.
    }
ronda-duty-now = 🔦 Tonight you are on night watch at { $start }–{ $end } WIB at { $place }. Once you are at the post, press the button below to check in.
ronda-duty-recorded = ✅ Your night watch tonight ({ $start }–{ $end } WIB at { $place }) is recorded.
button-ronda-present = ✅ I'm at the night watch
ronda-present-done = Thank you! Your night watch on { $when } is recorded.
ronda-present-already = Your night watch on { $when } was already recorded.
error-ronda-not-on-duty = This button is only for those on night watch that night.
error-ronda-present-not-open = The night-watch check-in button can be pressed from { $time } WIB (30 minutes before your shift).
error-ronda-present-closed = Night-watch check-in for that night has closed.
button-ronda-assign = ✍️ Put a resident on a night
ronda-assign-choose-night = Which night-watch night do you want to fill?
ronda-assign-night = { $when } ({ $count } people)
ronda-assign-choose-member = Who should be on watch that night?
ronda-assign-nobody = Every active resident is already on that night.
ronda-assign-done = { $name } is on night watch { $when }. They have been told.
ronda-assign-already = { $name } is already on night watch { $when }.
ronda-assigned-person = 🔦 Your RT head put you on night watch { $when } at { $place }. If you cannot, send /giliranku to ask for a swap.
audit-action-ronda_assigned = put a resident on a night watch
ronda-can-again-ketua = { $name } can do the night watch on { $when } after all. The swap request is withdrawn; the night stays covered.
ronda-cannot-now-ketua = ⚠️ { $name } cannot do the night watch on { $when }, though the shift has already begun. It is too late for a swap request; contact those on watch tonight if needed.
ronda-assign-replaced = { $name } is on night watch { $when } in place of { $replaced }, who cannot. Both have been told.
ronda-replaced-requester = 🔦 Your RT head put { $name } on night watch { $when } in your place. You do not need to watch that night.
## issue 14: events
schedule-item-counts-attended = Coming { $hadir } · Can't { $tidak } · Maybe { $mungkin } · Came { $attended }
schedule-item-duty = 🔦 You are on night-watch duty this night.
schedule-rest-title = Other activities ({ $count }). Tap a number to see one and answer:
schedule-rest-line = { $n }. { $kind } · { $when }
schedule-rest-none = No other activities in the next 2 weeks. Send /jadwal to see the latest schedule.
event-created-notice = 📅 New RT activity: { $kind }, { $when }, at { $place }.
event-created-notice-notes = 📝 { $notes }
event-created-notice-answer = Will you come? Answer with the buttons below; every activity is in /jadwal.
reminder-notes = 📝 { $notes }
reminder-morning = 🔔 Today: { $kind } at { $time } WIB, at { $place }. See you there!
reminders-mine =
    Your activity reminders: { $current }.
    Night-watch duty reminders still arrive. Choose when you want to be reminded:
reminders-saved = Saved: { $current }
reminder-choice-rt = As the RT sets them
reminder-choice-evening = The evening before, at { $evening }
reminder-choice-morning = The morning of, at { $morning }
reminder-choice-before = { $hours } hours before
reminder-choice-off = No reminders
error-reminder-choice-unavailable = The RT head has turned that reminder off. Choose another with /pengingat.
## issue 14: people
# How a person is addressed (src/messages/address.ts): "Mr Harun", "Ms Siti", "Dewi" ("Kak" has no English match).
address-pak = Mr { $name }
address-bu = Ms { $name }
address-kak = { $name }
address-name = { $name }
reg-ask-greeting = How would you like the bot to address you?
button-greeting-name = Just { $name }
reg-greeting-chosen = Fine, we will address you as { $name }.
profile-greeting-hint = Prefer to be addressed differently? Choose below.
greeting-set = Fine, from now on you are addressed as { $name }.
reg-replace-ask = Your request to RT { $oldRt } Kelurahan { $oldKelurahan } is still waiting. Replace it with RT { $rt } Kelurahan { $kelurahan }?
button-replace-yes = Yes, replace
button-replace-no = No
reg-replace-kept = Fine, your request to RT { $rt } Kelurahan { $kelurahan } keeps waiting.
error-request-pending-elsewhere = Your request to RT { $rt } Kelurahan { $kelurahan } is still waiting. Open the invite link again to choose: keep waiting or replace it.
error-request-withdrawn = { $name } withdrew the request, so there is nothing to decide.
membership-request-closed-approved = ✅ The request of { $name } (KK { $household }) to join RT { $rt } Kelurahan { $kelurahan } was approved by { $by }.
membership-request-closed-rejected = ❌ The request of { $name } (KK { $household }) to join RT { $rt } Kelurahan { $kelurahan } was rejected by { $by }.
membership-request-closed-withdrawn = ↩️ { $name } withdrew the request to join RT { $rt } Kelurahan { $kelurahan }.
leave-pending-confirm = Withdraw your request to join RT { $rt } Kelurahan { $kelurahan }?
button-withdraw-yes = Yes, withdraw
leave-pending-done = Your request to RT { $rt } Kelurahan { $kelurahan } is withdrawn. Send /start if you want to register again.
pending-waiting = Your request to join RT { $rt } Kelurahan { $kelurahan } has been waiting for approval since { $since }. This command works once it is approved. Send /keluar to withdraw the request.
## issue 14: money
bank-cancelled-entry = { $kind } No. { $original }
bank-cancelled-line = line { $line } of { $kind } No. { $original }
audit-action-price_set = { $old ->
        [none] set the first price of { $type } at { $bank }: { $new }
       *[other] changed the price of { $type } at { $bank } from { $old } to { $new }, from { $from }
    }
bank-receipt-reversal-line =
    🧾 Correction, { $bank }
    No. { $entry } · { $when }
    Customer: { $name } ({ $code })
    Cancelled: { $cancelled } of { $dated }
    { $line }
    Correction: { $amount }
    Reason: { $reason }
    Balance now: { $balance }
    Officer: { $officer }
bank-choose-line = Deposit No. { $entry } has several lines. Cancel all of it, or only the wrong line?
bank-reversal-whole-button = All of deposit No. { $entry } ({ $amount })
bank-reversal-line-button = Line { $line }: { $detail }
bank-reversal-blocked =
    ⚠️ Cancelling { $what } cannot be recorded yet: { $name }'s balance is { $balance } now, less than the { $amount } to cancel, because the money was withdrawn:
    { $withdrawals }
    What you can do:
    • If that withdrawal was wrong too, correct the withdrawal first with /koreksi.
    • If not, wait for { $name }'s next deposit: once the balance covers it, send /koreksi again.
    • Or settle the difference with { $name } directly and tell the RT head.
    Nothing has been recorded.
bank-reversal-blocked-withdrawal = • withdrawal No. { $entry } of { $when }: { $amount }
bank-reversal-confirm-line =
    Cancel { $what } of { $name }?
    { $line }
    Value cancelled: { $amount }
    Reason: { $reason }
    The original stays recorded; a correction for this line only is added.
error-entry-line-not-found = That line is not in this deposit.
error-entry-partly-reversed = Some lines of this deposit were corrected already. Correct the other lines one by one with /koreksi.
error-role-admin-ketua_rt-koordinator-petugas_bank-warga = Sorry, this command is for registered residents of an RT. Send /start to join your RT.
bank-books-none = No waste bank serves your RT yet, and you have no savings at any waste bank. Ask your RT head.
bank-books-prices-note = Prices are for sorted, clean waste. This month's report of the bank is under the button below.
button-bank-books-prices = 🏷 Waste prices
bank-books-month =
    📊 { $bank } · { $month }
    Deposits: { $depositCount } entries, { $deposits }
    Withdrawals: { $withdrawalCount } entries, { $withdrawals }
    Corrections: { $reversalCount } entries, { $reversals }
    All customers' savings at month end: { $closing }
bank-books-types = Waste collected (net, after corrections):
bank-books-type-line = • { $type }: { $quantity } · { $value }
bank-books-no-types = • none yet
bank-books-own = Your entries:
bank-books-own-no-account = You have no savings at this waste bank yet.
bank-books-own-closing = Your balance at month end: { $balance }
## issue 14: announce
announce-from-ketua = From the head of RT { $rt }, { $name }
announce-from-koordinator-kelurahan = From the coordinator of Kelurahan { $area }, { $name }
announce-from-koordinator-kecamatan = From the coordinator of Kecamatan { $area }, { $name }
announce-from-koordinator = From the Kampung BANTAR coordinator, { $name }
announce-from-admin = From the Kampung BANTAR admin of Jambi City, { $name }
announce-caption-too-long = The photo's caption is too long: at most { $max } characters. Send the photo with a shorter caption, or write the announcement as text only.
announce-photo-not-file = Send the poster as a photo, not as a file. Send it again as a photo, write the announcement, or send /batal.
announce-poster = [poster]
announce-scheduled-list = Your scheduled announcements not sent yet:
announce-scheduled-item = • { $when }: { $text }
button-broadcast-cancel-scheduled = ✖ Cancel ({ $when })
button-broadcast-schedule = ⏰ Schedule
button-broadcast-schedule-confirm = ⏰ Schedule
announce-ask-when = When should this announcement go out? Write it as you would say it, e.g. "Minggu 06.00", "besok jam 7 pagi" or "7/12 18.30". All times are WIB.
announce-confirm-scheduled = Schedule this announcement for { $when }?
announce-scheduled = Announcement scheduled: { $when }. Nothing has been sent yet; press the button below to cancel it. The list also appears when you send /umumkan.
broadcast-scheduled-cancelled = Scheduled announcement cancelled. Nothing was sent.
announce-scheduled-dropped = Your announcement scheduled for { $when } was not sent: you no longer hold the role that may send it to those recipients.
error-broadcast-time-passed = That sending time has passed. Send /umumkan again and choose a time ahead.
error-broadcast-caption-too-long = The photo's caption is too long: at most { $max } characters.
audit-action-broadcast_scheduled = scheduled an announcement for { $recipients } recipients
## issue 14: menus
help-group-umum = ▸ General
help-group-kegiatan = ▸ Activities & night watch
help-group-bank = ▸ Waste bank
help-group-baca = ▸ Reading corner
help-group-rt = ▸ Running the RT
help-group-penilaian = ▸ Kampung BANTAR assessment
help-group-wilayah = ▸ Coordinator & city
help-group-saya = ▸ My data
registry-rt-headless = • RT { $rt }: { $active } active, { $pending } waiting, { $households } households · ⚠️ no ketua yet
registry-headless = { $count } RT(s) have no ketua yet. Make a ketua link with the buttons below and send it to the future ketua RT. Until there is a ketua, requests to join that RT go to its area koordinator.
registry-headless-more = { $count } more RT(s): make their links with /tautanketua.
registry-headless-button = Ketua link RT { $rt } · { $kelurahan }
## issue 14: dates
input-datetime-just-past = That date has already passed this year. If you mean next year, write it in full with the year (day/month/year).
input-datetime-wrong-weekday = That day and date do not match. Check again, then write only the date or only the day.
input-datetime-wrong-weekday-named = { $date } is a { $actual }, not a { $typed }. Check again, then write only the date or only the day.
event-when-just-past = { $past } has already passed. Do you mean next year, { $next }?
button-event-type-again = ✏️ Write again
event-when-read = 🗓 Noted: { $when }
event-ask-time-on = What time on { $day }? E.g. "07.00" or "jam 7 malam".
button-edit-kind = ✏️ Kind
button-edit-when = ✏️ Time
button-edit-place = ✏️ Place
button-edit-notes = ✏️ Notes
button-edit-repeat = ✏️ Repeat
event-change-summary =
    Please check:
    • { $kind }
    • Was: { $before }
    • Now: { $when }
    • Place: { $place }
## issue 14: acting
button-act-for = Act for RT { $rt }
button-acting-stop = Stop acting for RT { $rt }
acting-as = (acting as ketua of RT { $rt })
acting-now = You are acting as ketua of RT { $rt } until that RT has a ketua.
acting-started = You now act as ketua of RT { $rt } · { $kelurahan } until it has one: the ketua commands (/anggota, /acara, /buatjadwalronda, …) work on RT { $rt }. This ends when the ketua RT opens their ketua link.
acting-stopped = You no longer act as ketua of an RT.
acting-none = You are not acting for any RT.
error-rt-has-ketua = This RT already has a ketua ({ $ketua }): they look after it.
audit-action-acting_started = started acting as ketua of the RT (while it has no ketua)
audit-action-round_opened = opened an assessment round
audit-action-rt_proposed = proposed the RT for the round
audit-action-proposal_withdrawn = withdrew the RT's proposal
audit-action-assessor_invite_created = made an assessment-team link
audit-action-assessor_joined = joined the assessment team
audit-action-visit_scheduled = scheduled the team's visit
audit-action-visit_cancelled = cancelled the team's visit
audit-action-assessment_scored = scored the RT's indicators
audit-action-evidence_added = added evidence photos
audit-action-evidence_removed = removed an evidence photo
audit-action-round_decided = recorded the round's decision (SK)
audit-action-title_awarded = awarded the Kampung BANTAR title
audit-action-kencana_requirement_recorded = recorded a Kencana requirement
audit-action-household_count_set = changed the RT's household (KK) count from { $oldCount } to { $newCount }
## issue 14: review fixes
error-leave-stale = This button was for your membership or request in RT { $rt } Kelurahan { $kelurahan }, which has ended. Nothing was changed. Send /keluar again to leave or withdraw your current one.
membership-request-closed-ended = ⏹ The request of { $name } (family card { $household }) to join RT { $rt } Kelurahan { $kelurahan } is no longer waiting for approval.
membership-request-closed-erased = ⏹ This request to join RT { $rt } Kelurahan { $kelurahan } is no longer waiting for approval.
bank-books-none-unregistered = You are not registered in any RT and have no savings at a waste bank. Send /start to register with your RT.

## issue 15: indicators
event-kind-kerja_bakti_sanitasi = Sanitation clean-up
event-kind-kebun_toga = Garden / TOGA
event-kind-senam_lansia = Seniors' exercise
event-kind-posyandu = Posyandu
event-kind-pengajian = Pengajian
event-kind-yasinan = Yasinan
event-kind-karang_taruna = Youth group
event-kind-pkk = PKK meeting
reminder-kind-kebun-toga = garden/TOGA care
reminder-kind-kerja-bakti-sanitasi = sanitation clean-up (kerja bakti)
reminder-kind-senam-lansia = seniors' exercise (senam lansia)
reminder-kind-posyandu = posyandu (health post)
reminder-kind-pengajian = pengajian (Quran study)
reminder-kind-yasinan = yasinan
reminder-kind-karang-taruna = youth group (karang taruna) meeting
reminder-kind-pkk = PKK meeting
score-kind-kebun_toga = garden/TOGA
score-kind-kerja_bakti_sanitasi = sanitation clean-up
score-kind-senam_lansia = seniors' exercise
score-kind-posyandu = posyandu
score-kind-pengajian = pengajian
score-kind-yasinan = yasinan
score-kind-karang_taruna = youth group
score-kind-pkk = PKK
digest-kind-kebun_toga = Garden/TOGA
digest-kind-kerja_bakti_sanitasi = Sanitation clean-up
digest-kind-senam_lansia = Seniors' exercise
digest-kind-posyandu = Posyandu
digest-kind-pengajian = Pengajian
digest-kind-yasinan = Yasinan
digest-kind-karang_taruna = Youth group
digest-kind-pkk = PKK
score-explain-b5 = { $code } = { $score }: garden/TOGA care held { $held } times in the last { $days } days, { $households } households took part ({ $percent }% of households); { $next } needs { $times } times with { $target }% taking part
score-explain-b6 = { $code } = { $score }: sanitation clean-up held { $held } times in the last { $days } days, { $percent }% of households present on average; { $next } needs { $times } times with { $target }% present
score-explain-p6 = { $code } = { $score }: posyandu { $posyandu } times and seniors' exercise { $senam } times in the last { $days } days; the threshold for { $next } is { $target } sessions
score-explain-p3 = { $code } = { $score }: { $active } of 4 groups (pengajian, yasinan, youth group, PKK) met in the last { $days } days ({ $meetings } meetings); the threshold for { $next } is { $target } groups
score-explain-a7 = { $code } = { $score }: { $households } households ({ $percent }% of the household count) came to a pengajian, yasinan, youth group or PKK meeting in the last { $days } days; the threshold for { $next } is { $target }%
score-card-earlier-manual = { "   " }↳ earlier scored { $score } by the coordinator on { $date }; now computed from activity records
score-card-manual-until-records = { "   " }↳ scored by the coordinator on { $date }; it will be measured from activity records once the last { $days } days hold one
## issue 15: onsite
command-nilaitim = Assessment team: score a proposed RT on site, indicator by indicator
command-rekaptim = The assessment team's recap for one RT
error-role-admin-ketua_rt-koordinator-penilai = Sorry, this command is only for the assessment team, koordinators, city admins and ketua RT.
error-assessment-not-on-team = You are not on this round's assessment team (or your place on it was revoked).
error-assessment-round-decided = This assessment round has been decided, so its scores can no longer change.
error-assessment-own-rt = You do not assess your own RT: an RT's ketua, petugas and residents do not score it. Nothing was saved.
error-assessment-rt-not-proposed = This RT is not (or no longer) proposed in this round, so it is not assessed. Nothing was saved.
error-assessment-reason-required = Your score differs from the automatic one, so a reason is required.
error-assessment-recap-after-decision = The team's recap of your RT can be seen once this round is decided (the Mayor's SK).
agency-dpmppa = DPMPPA
agency-babinsa = Babinsa
agency-babinkamtibmas = Bhabinkamtibmas
agency-dlh = DLH (environment office)
agency-dandim_polsek = Kodim/Polsek
agency-puskesmas = Puskesmas
agency-forum_rt_kelurahan = Kelurahan RT Forum
agency-forum_rt_kecamatan = Kecamatan RT Forum
agency-forum_rt_kota = City RT Forum
onsite-choose-rt = Choose the RT you are assessing now:
onsite-rt-button = RT { $rt } · { $kelurahan } ({ $year })
onsite-no-rt = There is no proposed RT in your assignment to assess yet.
onsite-own-excluded = Not shown because it is your own RT: { $rts }.
onsite-start = Team assessment · RT { $rt } · { $kelurahan } · round { $year }
onsite-progress = { $scored } of { $total } scored
onsite-start-from = Continuing from indicator { $code }.
onsite-all-scored = You have scored every indicator. You may change a score, or press Skip to keep it.
onsite-indicator =
    { $dimension } · { $code } ({ $position }/{ $total })
    { $wording }

    2 = { $rubric2 }
    1 = { $rubric1 }
    0 = { $rubric0 }
onsite-indicator-auto = Automatic from the bot's records: { $score }. { $explanation }
onsite-indicator-current = Your earlier score: { $score }
button-onsite-score-2 = 2 (good)
button-onsite-score-1 = 1 (fair)
button-onsite-score-0 = 0 (poor)
button-onsite-agree = Agree ({ $score })
button-onsite-change = Change to { $score }
button-onsite-skip = Skip
button-onsite-back = Back
button-onsite-no-note = No note
button-onsite-next = Continue
onsite-ask-reason = Your score { $score } for { $code } differs from the automatic { $automatic }. Write the reason (required, at most { $max } characters), e.g. "Ronda runs every night but is not recorded in the bot".
onsite-ask-note = A note for { $code } (optional, at most { $max } characters), e.g. "The drain in alley 3 is blocked". Or press No note.
onsite-ask-photos = Send evidence photos for { $code } (several are fine, at most { $max }), then press Continue. No photos: press Continue.
onsite-photo-received = Photo { $count } received. Send another, or press Continue.
onsite-photo-repeat = This photo was already received.
onsite-photo-limit = This indicator already has { $max } photos. Press Continue.
onsite-photo-expected = Send a photo (as a photo, not a file), or press Continue.
onsite-saved = ✅ { $code } = { $score } saved. { $scored } of { $total } scored.
onsite-saved-photos = ✅ { $code } = { $score } saved with { $photos } photos. { $scored } of { $total } scored.
onsite-done = Done for RT { $rt } · { $kelurahan }: { $scored } of { $total } scored.
onsite-done-unscored = Not scored yet: { $codes }. Send /nilaitim again to continue.
onsite-recap-none = There is no team recap you can see yet.
onsite-recap-choose = Choose an RT to see the assessment team's recap:
onsite-recap-title = Assessment team recap · RT { $rt } · { $kelurahan } · round { $year }
onsite-recap-summary = Total { $total } · { $assessors } assessors
onsite-recap-rule = The RT's score per indicator = the median of each assessor's latest score; with an even number of assessors, the lower of the two middle scores.
onsite-recap-line = { $code } { $label }: { $score }
onsite-recap-line-none = { $code } { $label }: not scored
onsite-recap-line-withheld = { $code } { $label }: { $count } other assessors have scored it; their scores show once you have scored this indicator
onsite-recap-entry =   • { $by }: { $score }
onsite-recap-by-named = { $agency } ({ $name })
onsite-recap-override = automatic { $automatic }, reason: { $reason }
onsite-recap-note = note: { $note }
## issue 15: evidence
command-bukti = Evidence photos of the RT's activities and indicators
command-paketbukti = The RT's evidence pack (PDF) for the assessment team
evidence-choose-rt = Evidence photos for which RT?
evidence-rt-button = RT { $rt } { $kelurahan }
evidence-ask-target = 📷 Evidence photos of RT { $rt } Kelurahan { $kelurahan }. What are these photos evidence of?
button-evidence-event = 🧹 An RT activity (gotong royong, meeting, …)
button-evidence-ronda = 🔦 A ronda night
button-evidence-indicator = 📋 A Kampung BANTAR indicator
evidence-choose-dimension = Which group of indicators?
evidence-choose-indicator = Choose the indicator:
evidence-indicator-button = { $code } { $label }
evidence-choose-event = Choose the activity (the last 14 days and the next 7):
evidence-choose-ronda = Choose the ronda night (the last 14 days and the next 7):
evidence-no-event = No RT activity in the last 14 days or the next 7. Create one with /acara, or send /bukti and choose an indicator.
evidence-no-ronda = No ronda night in the last 14 days or the next 7. Set up ronda with /ronda, or send /bukti and choose an indicator.
evidence-occurrence-button = { $kind }, { $when }
button-evidence-done = ✅ Done
evidence-ask-photos =
    Send photos for { $target } (several at once is fine, at most { $max } photos). You may write a caption in the photo's caption field (at most { $captionMax } characters).
    When all are sent, tap Done.
evidence-photo-taken = 📷 Photo { $count } received. Send another, or tap Done.
evidence-photo-taken-caption = 📷 Photo { $count } received with its caption. Send another, or tap Done.
evidence-photo-repeat = This photo was already received; it is not stored twice. { $count } photos so far.
evidence-photo-limit = That makes { $max } photos, the limit for one go. Tap Done to save them, then send /bukti again for more.
evidence-caption-too-long = This photo's caption is too long (at most { $max } characters). The photo was not taken: send it again with a shorter caption.
evidence-not-photo = Please send a photo (not text), then tap Done. Send /batal to stop.
evidence-not-photo-sticker = A sticker is not an evidence photo. Please send a photo of the activity.
evidence-not-photo-video = Videos cannot be kept as evidence yet. Please send a photo.
evidence-not-photo-image-file = This picture was sent as a file. Please send it as a photo (choose "Photo", not "File").
evidence-not-photo-document = This file is not a photo. Please send a photo of the activity.
evidence-done-empty = No photo yet. Send at least one photo, then tap Done.
evidence-ask-caption = { $count } photos have no caption. Write one short caption for them (at most { $max } characters), or tap Skip.
evidence-cancelled = Cancelled. { $count } photos were not saved.
evidence-saved = ✅ { $count } photos saved as evidence of { $target } (RT { $rt } { $kelurahan }).
evidence-done-stale = This photo form is over. Send /bukti to add photos.
evidence-target-indicator = indicator { $code } { $label }
evidence-target-occurrence = { $kind }, { $when }
evidence-overview-empty = No evidence photos yet for RT { $rt } Kelurahan { $kelurahan }.
evidence-overview-title = 🗂 Evidence photos of RT { $rt } Kelurahan { $kelurahan }: { $total } photos
evidence-overview-count = • { $target }: { $count } photos
evidence-overview-latest = Latest photos:
evidence-overview-item = { $n }. { $target } — { $caption } ({ $by }, { $at })
evidence-no-caption = no caption
button-evidence-remove = 🗑 Remove { $n }
evidence-removed = 🗑 Evidence photo of { $target } (sent { $at }) removed.
evidence-already-removed = This photo was already removed.
error-evidence-no-photos = No photos to save yet.
error-evidence-too-many = Too many photos at once (at most { $max }).
error-evidence-caption-too-long = The photo's caption is too long (at most { $max } characters).
error-evidence-not-found = That evidence photo was not found.
error-evidence-no-round = That assessment round was not found.
pack-no-round = There is no Kampung BANTAR assessment round yet.
pack-no-rt = There is no RT whose evidence pack you may ask for in the { $year } round.
pack-choose-rt = Evidence pack, { $year } round: choose the RT ({ $count } RTs).
pack-rt-button = RT { $rt } { $kelurahan }
pack-preparing = ⏳ Preparing the evidence pack of RT { $rt } Kelurahan { $kelurahan }…
pack-caption = 📦 Evidence pack of RT { $rt } Kelurahan { $kelurahan }: { $pages } pages, { $photos } photos.
pack-caption-missing = 📦 Evidence pack of RT { $rt } Kelurahan { $kelurahan }: { $pages } pages, { $photos } photos ({ $missing } could not be fetched from Telegram).
pack-title = Evidence pack RT { $rt } { $kelurahan } { $year }
pack-cover-title = Kampung BANTAR Evidence Pack
pack-cover-rt = RT { $rt } Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
pack-cover-round = Assessment round: { $year }
pack-cover-households = Households (KK): { $households }
pack-cover-category = Category: { $category } (award { $award })
pack-cover-made = Made: { $at }
pack-cover-photos = Evidence photos: { $count }
pack-scorecard-title = Scorecard (21 indicators)
pack-scorecard-summary = Total: { $overall }/{ $max } · { $missing } not yet scored
pack-scorecard-team = Assessment team: { $total }/{ $max } from { $assessors } assessors · { $unscored } indicators not scored by the team
pack-dimension = { $dimension }: { $total }/{ $max }
pack-indicator-auto = { $code } { $label }: { $score } (automatic, from activity records)
pack-indicator-manual = { $code } { $label }: { $score } (scored by the coordinator)
pack-indicator-unscored = { $code } { $label }: not yet scored
pack-manual-note = Note: { $note }
pack-team-score = Assessment team: { $combined } (each assessor: { $scores })
pack-participation-title = Participation behind the automatic indicators (last { $weeks } weeks, by month)
pack-participation-kind = { $kind }: { $months }
pack-ledgers-title = Waste bank and reading corner books (last { $weeks } weeks)
pack-ledger-bank = Waste bank, the RT's residents: { $deposits } deposits, { $kg } kg, { $rupiah }
pack-ledger-reading = Reading corner: { $sessions } sessions ({ $attendees } attendances), { $loans } book loans
pack-photos-title = Evidence photos ({ $count })
pack-photos-none = No evidence photos yet.
pack-photo-missing = photo could not be fetched
pack-photo-no-caption = (no caption)
pack-photo-added = Sent by { $name }, { $at }
pack-photo-indicator = Indicator { $code } { $label }
pack-photo-occurrence = { $kind }, { $day }
pack-photo-other = Other
error-role-admin-ketua_rt-koordinator-petugas = Sorry, an evidence photo can only be removed by whoever sent it, the RT head, a coordinator or a city admin.
## issue 15: team
command-timpenilai = This round's assessment team: make links, view, revoke
command-kunjungan = The assessment team's visits to the proposed RTs
command-tugaspenilaian = The RTs I assess in this round
error-round-not-open = No assessment round is running (or this round has been decided).
error-team-scope-empty = Choose at least one kecamatan or one RT for this team member.
error-team-already-on = You are already on this round's assessment team. See your RTs with /tugaspenilaian.
error-team-member-not-found = That team member was not found. Send /timpenilai for the current list.
error-visit-rt-not-proposed = This RT is not proposed in this round, so it has no visit.
error-visit-outside-period = That date is outside the visit period ({ $from } to { $to }).
error-visit-not-found = That visit was not found. Send /kunjungan for the current list.
team-scope-kecamatan = every proposed RT in Kec. { $name }
team-scope-rt = RT { $rt } { $kelurahan }
team-scope-none = none yet
team-ask-agency = Assessment team link for the { $year } round. Which office is this member from?
team-agency-chosen = Office: { $agency }
team-ask-scope =
    Scope: { $scope }.
    Add a kecamatan (every proposed RT there) or a single RT, then press Done.
team-choose-kecamatan = Choose a kecamatan:
team-choose-kelurahan = Kecamatan { $kecamatan }. Choose a kelurahan:
team-choose-rt = Kelurahan { $kelurahan }. Choose an RT:
team-no-rt = No RT is registered in Kelurahan { $kelurahan } yet.
team-link-made =
    Assessment team link for the { $year } round ({ $agency }) for: { $scope }.
    { $link }
    Give it to one person only: it works once and until { $expires }.
team-join-intro = This link makes you a member of the Kampung BANTAR assessment team for the { $year } round ({ $agency }) for: { $scope }.
team-join-summary =
    Join the { $year } round's assessment team as { $addressed }?
    Office: { $agency }
    Scope: { $scope }
team-join-done = Welcome, { $addressed }. You are on the assessment team of the { $year } round ({ $agency }). See your RTs and their visits with /tugaspenilaian.
team-list-title = Assessment team of the { $year } round: { $count } people.
team-list-line = { $n }. { $name } · { $agency } · { $scope } · joined { $joined }
team-list-empty = No members yet. Make a link for each member with the button below.
team-revoked = { $name } is no longer on the assessment team.
team-revoked-already = { $name } was already off the assessment team.
button-team-add-kecamatan = ➕ Kecamatan
button-team-add-rt = ➕ RT
button-team-done = ✅ Done
button-team-revoke = Revoke: { $name }
button-team-new-link = ➕ Make a team member link
button-visit-schedule = 🗓 Schedule
button-visit-move = 🗓 Move
button-visit-cancel = ✖ Cancel the visit
button-visit-rt = RT { $rt } · { $kelurahan }
visit-not-scheduled = not scheduled yet
visit-list-title = Assessment team visits, { $year } round: { $count } RTs proposed, { $scheduled } scheduled.
visit-list-line = • RT { $rt } { $kelurahan } ({ $kecamatan }): { $when }
visit-list-empty = No RT in your area is proposed in this round yet.
visit-list-open = Press an RT to schedule, move or cancel its visit.
visit-rt-card =
    RT { $rt } { $kelurahan } ({ $kecamatan })
    Visit: { $when }
    This round's visit period: { $from } to { $to }.
visit-ask-when = When does the team visit RT { $rt } { $kelurahan }? Write the date and time between { $from } and { $to }, e.g. "{ $example }".
visit-outside-period-ask = { $when } is outside the visit period ({ $from } to { $to }). Write another date.
visit-schedule-ask = Schedule the visit to RT { $rt } { $kelurahan } on { $when }? The ketua RT and the assessment team will be told.
visit-move-ask = Move the visit to RT { $rt } { $kelurahan } from { $before } to { $when }? The ketua RT and the assessment team will be told.
visit-cancel-ask = Cancel the visit to RT { $rt } { $kelurahan } on { $when }? The ketua RT and the assessment team will be told.
visit-scheduled = ✅ The visit to RT { $rt } { $kelurahan } is scheduled on { $when }. The ketua RT and the assessment team were told.
visit-moved = ✅ The visit to RT { $rt } { $kelurahan } moved to { $when }. The ketua RT and the assessment team were told.
visit-cancelled = The visit to RT { $rt } { $kelurahan } on { $when } is cancelled. The ketua RT and the assessment team were told.
visit-cancelled-already = The visit to RT { $rt } { $kelurahan } on { $when } was already cancelled.
worklist-title = The RTs you assess in the { $year } round: { $count } RTs.
worklist-line = • RT { $rt } { $kelurahan }: visit { $when } · { $scored }/{ $total } indicators scored by you
worklist-empty = No proposed RT in your scope yet.
## issue 15: keeping
command-nilaimandiri = Your RT's self-assessment (every quarter)
command-kunjunganulang = Plan a re-assessment visit to a title holder
error-reassess-not-holder = RT { $rt } Kelurahan { $kelurahan } does not hold the Kampung BANTAR title, so there is no re-assessment.
error-reassess-time-past = That visit time has passed. Type a time to come, e.g. "Sabtu 09.00".
error-selfassess-not-own-rt = The self-assessment is only for the RT you head as ketua.
decline-notice-title = ⚠️ { $name }, RT { $rt } Kelurahan { $kelurahan } has declined since its award ({ $awarded }):
decline-notice-footer = Details in /skor. A koordinator can plan a re-assessment visit (/kunjunganulang).
decline-line-indicator = • { $code } { $label }: { $before } → { $now }
decline-line-households = • households taking part: { $before } → { $now } (down { $percent }%)
decline-suggestion-title = Suggestions:
decline-suggestion-indicator = • { $code }: { $rubric }
decline-suggestion-households = • Bring back the households that used to take part: announce the next activity and visit those who have stopped coming.
decline-skor-title = ⚠️ Declined since the award ({ $awarded }):
selfassess-invite = 📋 { $name }, time for the self-assessment of quarter { $quarter } { $year }. Score your own RT on the 21 indicators with the same guide as the assessment team; the result is shown beside the official scores. Send /nilaimandiri or press the button below.
button-selfassess-open = 📋 Start the self-assessment
selfassess-intro = Self-assessment for quarter { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }. Choose 2, 1 or 0 for each indicator as the RT is now. Each answer is saved as soon as you press a score.
selfassess-intro-resume = Continuing the self-assessment for quarter { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }: { $answered } of { $total } indicators are scored. Starting from { $code }.
selfassess-step = { $index }/{ $total } · { $code } { $indicator }
selfassess-rubric =
    2 = { $rubric2 }
    1 = { $rubric1 }
    0 = { $rubric0 }
selfassess-step-hint = From the activity records in the bot: { $level }
selfassess-step-current = Your answer this quarter: { $score }
selfassess-step-note = Note: { $note }
selfassess-ask-note = Write a note for { $code } (at most { $max } characters), e.g. "new waste bins put up in alley 3". The note is saved with the score you choose next.
button-selfassess-note = 📝 Note
button-selfassess-skip = Skip
button-selfassess-back = ◀️ Back
button-selfassess-done = Done
button-selfassess-no-note = No note
selfassess-compare-title = Self-assessment for quarter { $quarter } { $year }, RT { $rt } Kelurahan { $kelurahan }
selfassess-compare-summary = { $answered } of { $total } indicators scored; { $differing } differ from the official score or the bot's records (marked ⚠️).
selfassess-compare-legend = Order: official · self · bot records (— none yet)
selfassess-compare-line = { $code } { $label }: { $official } · { $self } · { $automatic }
selfassess-compare-line-differs = ⚠️ { $code } { $label }: { $official } · { $self } · { $automatic }
reassess-none = There is no Kampung BANTAR title holder in your area yet.
reassess-choose-rt = Choose the title holder to re-assess (⚠️ declined since the award, 📉 participation falling):
reassess-rt-button = RT { $rt } { $kelurahan }
reassess-rt-button-declining = ⚠️ RT { $rt } { $kelurahan }
reassess-rt-button-fading = 📉 RT { $rt } { $kelurahan }
reassess-ask-when = When is the re-assessment visit to RT { $rt } Kelurahan { $kelurahan }? Type the date and time (WIB), e.g. "Sabtu 09.00" or "12/12 09.00".
reassess-confirm = Plan the re-assessment visit to RT { $rt } Kelurahan { $kelurahan } on { $when }? The ketua RT will be told.
reassess-saved = ✅ The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } is planned for { $when }. The ketua RT has been told.
reassess-already-saved = This visit is already planned.
reassess-notice-ketua = 📅 { $name }, the team will come to re-assess RT { $rt } Kelurahan { $kelurahan } on { $when }. Prepare the RT's activities and records as for the first assessment.
## issue 15: rounds
command-putaran = Kampung BANTAR assessment rounds: list and open a new round
command-usulkan = Propose RTs of your area for the assessment round
command-penilaian = What the assessment team will look at in an RT: dates, visit, 21 indicators
round-list-title = 🗓 Kampung BANTAR assessment rounds
round-list-empty = No assessment round yet. Press the button below to open this year's round.
round-list-line = • { $year } · { $phase }
    Proposals until { $deadline } · visits { $from } – { $to } · decision { $decision }
    Proposed { $proposed } RTs · visited { $visited } · decided { $decided }
round-phase-proposals = taking proposals
round-phase-preparing = preparing the visits
round-phase-visits = team visits
round-phase-deciding = awaiting the decision
round-phase-decided = decided
round-button-new = ➕ Open a new round
round-button-edit = ✏️ { $field }
round-field-year = Year
round-field-proposal-deadline = Proposal deadline
round-field-visit-from = Visits from
round-field-visit-to = Visits until
round-field-decision-on = Decision date
round-ask-year = Which year is the assessment round for? Write the year, e.g. "2027".
round-ask-proposal-deadline = Until which date may coordinators propose RTs? E.g. "30 April 2027" or "30/4/2027".
round-ask-visit-from = On which date do the team's visits start? E.g. "1 June 2027" or "1/6/2027".
round-ask-visit-to = On which date do the team's visits end? E.g. "31 July 2027" or "31/7/2027".
round-ask-decision-on = On which date is the decision (SK) planned? E.g. "17 August 2027" or "17/8/2027".
round-date-read = ✔️ { $field }: { $date }
round-summary = Check this assessment round:
    • Year: { $year }
    • Proposal deadline: { $deadline }
    • Team visits: { $from } – { $to }
    • Decision: { $decision }
    Press "Save" if it is right, or change one of them.
round-saved = ✅ The { $year } assessment round is open. Coordinators may propose RTs until { $deadline }. { $told } coordinators were told.
round-already-saved = The { $year } assessment round is already saved.
round-opened-notice = 📣 { $name }, the Kampung BANTAR { $year } assessment round is open.
    Propose RTs of your area until { $deadline } with /usulkan (RTs that already hold the Kampung BANTAR title are not proposed again).
    Team visits: { $from } – { $to }.
round-none = No assessment round has been opened yet. A DPMPPA admin opens one with /putaran.
round-category-besar = Large
round-category-sedang = Medium
round-category-kecil = Small
input-round-year-unrecognised = Write the year with 4 digits, e.g. "2027".
input-round-year-out-of-range = A round can only be opened for { $from } to { $to }.
input-round-year-taken = The { $year } assessment round already exists: one round per year. Write another year, or send /batal.
input-round-date-before = This date cannot be before the { $other } ({ $date }). Write another date.
input-round-date-after = This date cannot be after the { $other } ({ $date }). Write another date.
input-round-date-not-after = This date must be after { $other } ({ $date }): the team's visits begin once proposals are closed. Write another date.
input-round-date-not-before = This date must be before { $other } ({ $date }): proposals close before the team's visits begin. Write another date.
error-round-not-found = That assessment round was not found.
error-round-none = No assessment round has been opened yet.
error-round-year-exists = The { $year } assessment round already exists: one round per year.
error-round-year-out-of-range = The { $year } assessment round cannot be opened now.
error-round-dates-order = The dates must run: proposal deadline, visits from, visits until, then the decision.
error-round-deadline-past = The proposal deadline has passed. Choose a date ahead.
error-round-proposals-closed = The proposal period ended on { $deadline }. Proposals can no longer be made or withdrawn.
error-proposal-not-found = That proposal was not found.
error-proposal-holder = RT { $rt } already holds the Kampung BANTAR title: title holders are not proposed again.
proposal-readiness-line = RT { $rt } { $kelurahan } · { $households } households ({ $category }) · automatic { $good }/{ $automatic } good · { $unscored } not yet scored
proposal-line-open = ▫️ { $line }
proposal-line-proposed = ✅ { $line } · proposed
proposal-line-holder = 🏆 { $line } · holds the title
proposal-board-title = 📝 RT proposals for the Kampung BANTAR { $year } assessment (until { $deadline }): { $proposed } of { $count } RTs proposed.
proposal-board-closed = 📝 RT proposals for the Kampung BANTAR { $year } assessment: { $proposed } of { $count } RTs proposed. The proposal period ended on { $deadline }.
proposal-board-empty = There is no RT in your area yet.
proposal-button-add = ➕ Propose RT { $rt }
proposal-button-withdraw = ↩️ Withdraw RT { $rt }
proposal-done = RT { $rt } is proposed for the { $year } assessment. The RT head was told.
proposal-already = RT { $rt } is already proposed for the { $year } assessment.
proposal-withdrawn = The proposal of RT { $rt } for the { $year } assessment was withdrawn.
proposal-already-withdrawn = The proposal of RT { $rt } was already withdrawn.
proposal-ketua-notice = 📣 { $name }, RT { $rt } { $kelurahan } has been proposed for the Kampung BANTAR { $year } assessment.
    The assessment team will visit between { $from } and { $to }; the date will follow.
    See what the team will look at with /penilaian.
proposal-withdrawn-notice = { $name }, the proposal of RT { $rt } { $kelurahan } for the Kampung BANTAR { $year } assessment was withdrawn by the coordinator.
proposal-withdrawn-visit-cancelled = The assessment team's visit planned for { $when } is cancelled with it.
preview-title = 🔎 Kampung BANTAR assessment — RT { $rt } Kel. { $kelurahan }, Kec. { $kecamatan }
preview-no-round = No assessment round has been opened yet.
preview-round = Round { $year } ({ $phase }): proposals until { $deadline }, team visits { $from } – { $to }, decision { $decision }.
preview-proposed = ✅ This RT is proposed for the { $year } assessment.
preview-not-proposed = ▫️ This RT is not proposed for the { $year } assessment yet.
preview-holder = 🏆 This RT already holds the Kampung BANTAR title.
preview-visit = 📅 Team visit: { $when }
preview-visit-none = 📅 The team's visit date is not scheduled yet.
preview-summary = { $households } households ({ $category }) · automatic { $good }/{ $automatic } good · { $unscored } not yet scored
preview-dimension = ▪️ { $dimension }
preview-indicator-auto = { $code } { $label }: { $score } (automatic)
preview-indicator-manual = { $code } { $label }: { $score }
preview-indicator-unscored = { $code } { $label }: not yet scored
preview-explain = { "   " }↳ { $explanation }
preview-rubric = { "   " }🎯 A 2 means: { $rubric }
preview-choose = Choose an RT to see what the team will look at ({ $proposed } of { $count } RTs proposed):
preview-button = RT { $rt } { $kelurahan }
preview-button-proposed = ✅ RT { $rt } { $kelurahan }
input-round-date-unrecognised = Sorry, I do not recognise that date. Write e.g. "30 April 2027" or "30/4/2027".
input-round-date-past = That date has passed. Write a date ahead, e.g. "30/4/2027".
## issue 15: award
command-keputusan = Record the decision (SK) on the Kampung BANTAR winners
command-kencana = Title holders on the way to Kampung BANTAR Kencana
award-category-besar = Large
award-category-sedang = Medium
award-category-kecil = Small
award-title-bantar = 🏆 Kampung BANTAR { $year } ({ $category })
award-title-kencana = 🏅 Kampung BANTAR Kencana { $year }
award-no-round = No assessment round has been opened yet.
award-no-candidates = No RT was proposed in the { $year } round. There is nothing to decide.
award-early-warning =
    ⚠️ The assessment team's visits of the { $year } round run until { $until }. The recap may still change.
    Record the decision now anyway?
award-button-early = Yes, go on
award-list-title = 🏆 Decision of the { $year } round: { $count } RTs proposed, { $chosen } marked as winners.
award-list-category = Category { $category } (award { $award })
award-line = { $mark } RT { $rt } { $kelurahan } ({ $kecamatan } district): { $total }, { $assessors } assessors, { $households } households
award-line-kk-changed = { $mark } RT { $rt } { $kelurahan } ({ $kecamatan } district): { $total }, { $assessors } assessors, { $households } households ({ $proposed } when proposed)
award-line-holder = already holds the Kampung BANTAR title and cannot win it again
award-list-empty-filter = No proposed RT in this category.
award-list-help = Tap an RT to mark or unmark it as a winner, then tap Next.
award-toggle-label = RT { $rt } { $kelurahan }
award-filter-all = All
award-filter-besar = Large
award-filter-sedang = Medium
award-filter-kecil = Small
award-button-next = Next ({ $chosen } marked) ➡️
award-choose-one = Mark at least one winning RT first, then tap Next.
award-ask-sk-number = Type the number of the Mayor's decree (SK) naming the winners, e.g. 188.45/123/HK/2027 (at most { $max } characters).
award-ask-sk-date = Date of the SK? E.g. 17/8/2027, 17 August 2027, or tap Today.
award-summary-title = Decision of the { $year } round, SK { $sk } of { $date }:
award-summary-category = Category { $category }: { $count } RTs × { $each } = { $rupiah }
award-summary-rt = • RT { $rt } { $kelurahan } ({ $kecamatan } district), { $households } households
award-summary-total = Total: { $count } RTs, awards { $rupiah }.
award-summary-ask = Save this decision? Once saved it cannot be changed through the bot.
award-button-confirm = ✅ Save the decision
award-saved = ✅ The decision of the { $year } round (SK { $sk }) is saved: { $count } RTs won the title, awards { $rupiah }. The RT heads, residents and coordinators are being told.
award-already-saved = The decision of the { $year } round (SK { $sk }) is already saved.
award-notice-ketua = 🏆 Congratulations, { $name }! RT { $rt } { $kelurahan } has won the Kampung BANTAR { $year } title, category { $category }, award { $award }. SK { $sk } of { $date }. Thank you to all residents for working together; keep it up.
award-notice-resident = 🏆 Good news, { $name }: RT { $rt } { $kelurahan } has won the Kampung BANTAR { $year } title, category { $category } (SK { $sk } of { $date }). Thank you for taking part!
award-notice-area = 🏆 { $name }, the Kampung BANTAR { $year } decision is out (SK { $sk } of { $date }). In your area { $won } of { $proposed } proposed RTs won the title:
award-notice-area-line = • RT { $rt } { $kelurahan } ({ $kecamatan } district), category { $category }, { $award }
award-notice-area-none = None of the proposed RTs in your area won the title this time.
error-award-round-not-found = That assessment round was not found.
error-award-round-decided = The { $year } round has already been decided (SK { $sk }). A decision cannot be recorded twice.
error-award-too-early = The { $year } round has not reached its visits: no RT has been assessed, so no decision can be recorded yet.
error-award-sk-number-invalid = The SK number is not valid. Use letters, digits, dots, slashes or hyphens.
error-award-sk-date-future = The SK date cannot be after today.
error-award-sk-date-before-visits = The SK date cannot be before this round's visits began.
error-award-no-winners = Mark at least one winning RT.
error-award-not-proposed = A marked RT is no longer proposed in this round. Nothing was saved; send /keputusan again.
error-award-already-holder = RT { $rt } { $kelurahan } already holds the Kampung BANTAR title and cannot win it again.
error-award-category-changed = The household count of RT { $rt } { $kelurahan } changed to { $households } since the list was shown, so its category changed. Nothing was saved: open /keputusan again to see the current list.
input-award-sk-number-characters = An SK number may hold only letters, digits, spaces, dots, slashes, hyphens and brackets, and must contain a digit. Example: 188.45/123/HK/2027
input-award-sk-date-future = The SK date cannot be after today. Type the day the SK was signed, e.g. 17/8/2027.
input-award-sk-date-too-old = That date is more than { $days } days ago. Type the right SK date, e.g. 17/8/2027.
kencana-title = 🏅 Kampung BANTAR title holders: { $count } RTs, { $eligible } eligible for Kampung BANTAR Kencana.
kencana-holder = RT { $rt } { $kelurahan } ({ $kecamatan } district): Kampung BANTAR { $year }, { $category }
kencana-holder-eligible = ✅ RT { $rt } { $kelurahan } ({ $kecamatan } district): Kampung BANTAR { $year }, { $category }, eligible for Kencana
kencana-req-line-met =   ✔️ { $requirement } { $note }
kencana-req-line-unmet =   ✖️ { $requirement } { $note }
kencana-req-line-unknown =   ❔ { $requirement }: not recorded yet
kencana-lacks =   Not yet: { $reasons }
kencana-shortfall-held-under-a-year = title held for less than a full year
kencana-shortfall-fading = participation is fading
kencana-shortfall-already-kencana = already holds Kencana
kencana-shortfall-requirements-unmet = a requirement is not met
kencana-rule = Kencana rule: holds the Kampung BANTAR title for at least one full year, participation not fading, and every extra requirement met.
kencana-none = No RT in your area holds the Kampung BANTAR title yet.
kencana-button-record = 📝 Record a Kencana requirement
kencana-choose-rt = Choose the title-holding RT:
kencana-choose-requirement = Which requirement are you recording for RT { $rt } { $kelurahan }?
kencana-req-rumah_restorative_justice = Restorative-justice house
kencana-req-bank_sampah_aktif = Active waste bank with open books
kencana-req-pojok_baca_aktif = Active reading corner for children
kencana-ask-met = { $requirement } in RT { $rt } { $kelurahan }: met?
kencana-button-met = ✔️ Met
kencana-button-unmet = ✖️ Not yet
kencana-ask-note = A short note (at most { $max } characters), e.g. "RJ house in the RT hall, opened in March", or tap Skip.
kencana-saved-met = ✅ Recorded: { $requirement } in RT { $rt } { $kelurahan } is met.
kencana-saved-unmet = ✅ Recorded: { $requirement } in RT { $rt } { $kelurahan } is not met.
kencana-button-award = 🏅 Award Kencana
kencana-award-none = No RT is eligible for Kampung BANTAR Kencana yet.
kencana-award-choose-rt = Choose the RT to award Kampung BANTAR Kencana:
kencana-award-summary = Award RT { $rt } { $kelurahan } ({ $kecamatan } district) Kampung BANTAR Kencana by SK { $sk } of { $date }? The RT head will be told.
kencana-award-saved = 🏅 Saved: RT { $rt } { $kelurahan } is now a Kampung BANTAR Kencana (SK { $sk }, { $date }). The RT head has been told.
kencana-award-already-saved = This Kencana award is already saved.
error-kencana-requirement-unknown = That Kencana requirement is unknown.
error-kencana-note-invalid = The note is not valid (at most { $max } characters).
error-kencana-not-holder = This RT does not hold the Kampung BANTAR title, so no Kencana requirement is recorded.
error-kencana-not-eligible = This RT is not eligible for Kampung BANTAR Kencana (see /kencana).
award-notice-kencana = 🏅 Congratulations, { $name }! RT { $rt } { $kelurahan } has won the Kampung BANTAR Kencana title. SK { $sk } of { $date }.
## issue 15: koordinator
command-belumdinilai = Indicators not yet scored in your area's RTs, proposed RTs first
command-nilaisemua = Score every indicator not yet scored for one RT in one pass
command-rekap = Kampung BANTAR recap per kecamatan: proposals, visits, winners, title holders (text, chart, Excel)
bulk-intro = 📝 Score all that are left — RT { $rt } { $kelurahan }: { $count } of { $total } indicators not yet scored. Each is shown in turn with its rubric; tap 2, 1 or 0 (or Skip). For a note, type it first and then tap the score.
    When was this RT assessed? Tap Today, or write the date, e.g. "yesterday" or "20/11".
bulk-none-left = ✅ All { $total } indicators a coordinator scores already have a score in RT { $rt } { $kelurahan }. To change one, send /nilai.
bulk-indicator = ({ $position }/{ $total }) { $code } — { $indicator }
    2 (good): { $good }
    1 (fair): { $fair }
    0 (poor): { $poor }
button-bulk-skip = ⏭ Skip
button-bulk-stop = ⏹ Done
bulk-note-kept = 🗒 The note for { $code } will be saved with its score. Now tap the score.
bulk-marked-saved = ✅ { $code } = { $score } saved.
bulk-marked-saved-note = ✅ { $code } = { $score } saved, with a note.
bulk-marked-skipped = ⏭ { $code } skipped, still not scored.
bulk-marked-stopped = ⏹ Stopped here.
bulk-done = Done for RT { $rt } { $kelurahan } (assessed { $date }): { $saved } scores saved, { $skipped } skipped, { $remaining } indicators still not scored. Send /nilaisemua or /belumdinilai to go on at any time.
bulk-already-saved = This score { $code } = { $score } is already saved. It is not recorded twice.
unscored-title = 📋 Not yet scored: { $rts } of the { $scope } RTs in your area still have indicators without a score ({ $missing } indicators in all). Most unscored at the top.
unscored-round = ⭐ = proposed in the current assessment round ({ $proposed } RTs), shown first.
unscored-line = { $rank }. RT { $rt } { $kelurahan }: { $missing } not yet scored
unscored-line-proposed = { $rank }. ⭐ RT { $rt } { $kelurahan }: { $missing } not yet scored
unscored-open = Tap an RT below to score everything left in one pass.
unscored-button = RT { $rt } { $kelurahan } · { $missing }
unscored-button-proposed = ⭐ RT { $rt } { $kelurahan } · { $missing }
unscored-all-done = ✅ Every indicator of the { $count } RTs in your area has a score.
score-total = { $overall }/{ $max }
score-total-unscored = { $overall }/{ $max } · { $missing } not yet scored
digest-col-scored-max = Maximum (of the scored ones)
digest-col-unscored = Not yet scored
recap-title = 📊 Kampung BANTAR recap per kecamatan, { $date }
recap-round = Assessment round { $year }
recap-round-decided = Assessment round { $year } (decided)
recap-no-round = No assessment round yet; proposals, visits and winners are still 0.
recap-empty = No RT is registered in this area yet.
recap-block-title = ▪️ { $name }
recap-block-round = { $rts } RTs · proposed { $proposed } · visited { $visited } · fully scored { $scored }
recap-block-winners = Winners of this round: { $winners } (Besar { $besar }, Sedang { $sedang }, Kecil { $kecil })
recap-block-holders = Kampung BANTAR title holders: { $holders }
recap-block-holders-fading = Kampung BANTAR title holders: { $holders } · ⚠️ { $fading } with participation going down
recap-total-city = Jambi City
recap-total-area = Your whole area
recap-chart-title = Kampung BANTAR recap per kecamatan
recap-chart-y = Number of RTs
recap-chart-caption = 📈 RTs, proposals, winners and title holders per kecamatan.
recap-xlsx-caption = 📎 Recap per kecamatan and its totals (Excel).
recap-sheet-kecamatan = Per kecamatan
recap-sheet-city = City
recap-sheet-area = Area
recap-col-area = Area
recap-col-rts = RTs
recap-col-proposed = Proposed
recap-col-visited = Visited
recap-col-scored = Fully scored
recap-col-winners-besar = Winners Besar
recap-col-winners-sedang = Winners Sedang
recap-col-winners-kecil = Winners Kecil
recap-col-winners = Winners
recap-col-holders = Title holders
recap-col-fading = Holders going down
bulk-number-typed = To score { $code }, tap 2, 1 or 0 above. Text is taken as a note, and a bare number is not saved as one.

## issue 15: fix rounds
error-round-previous-undecided = The { $year } assessment round is not decided yet. Record its decision with /keputusan before opening a new round.
error-visit-time-past = That visit time has passed. Type a time to come within the visit period.
error-kecamatan-not-found = Kecamatan not found.
## issue 15: fixaward
visit-notice-scheduled-ketua = { $name }, the Kampung BANTAR assessment team will visit RT { $rt } { $kelurahan } on { $when }. Please prepare the residents and the RT's evidence of activities.
visit-notice-scheduled-assessor = { $name }, your assessment visit to RT { $rt } { $kelurahan } is scheduled for { $when }. Score the indicators on site through this bot.
visit-notice-moved-ketua = { $name }, the Kampung BANTAR assessment team's visit to RT { $rt } { $kelurahan } moved from { $before } to { $when }.
visit-notice-moved-assessor = { $name }, your assessment visit to RT { $rt } { $kelurahan } moved from { $before } to { $when }.
visit-notice-cancelled-ketua = { $name }, the Kampung BANTAR assessment team's visit to RT { $rt } { $kelurahan } on { $when } is cancelled. A new date will follow.
visit-notice-cancelled-assessor = { $name }, your assessment visit to RT { $rt } { $kelurahan } on { $when } is cancelled. A new date will follow.
decline-area-title = ⚠️ { $name }, { $count } title-holding RTs in your area fell since their award:
decline-area-rt = RT { $rt } Kelurahan { $kelurahan } (awarded { $awarded }):
## issue 15: fixevidence
pack-photos-since = Photos since { $from } (a year before this round's last visit day).
pack-photos-left-out = { $count } more photos not included: a pack holds at most { $max } photos (the team's and indicators' photos first, then the newest) and at most { $mb } MB.
## issue 15: fixonsite
bulk-marked-skipped-note = ⏭ { $code } skipped, still not scored. The note you typed for { $code } was not saved.
button-onsite-onward = Next: { $code } ▶
## issue 15: reassess
error-reassess-visit-not-found = That re-assessment visit was not found. Send /kunjunganulang for the current list.
error-reassess-visit-over = That re-assessment visit's time has come, so it can no longer be cancelled.
reassess-choose-rt-planned = Choose the title holder to re-assess (⚠️ declined since the award, 📉 participation falling, 📅 visit already planned):
reassess-rt-button-planned = 📅 { $label }
reassess-planned-card = The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } is planned for { $when }. Move it to another time, or cancel it?
reassess-move-ask-when = The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } is now planned for { $before }. Move it to when? Type the date and time (WIB), e.g. "Sabtu 09.00" or "12/12 09.00".
reassess-move-confirm = Move the re-assessment visit to RT { $rt } Kelurahan { $kelurahan } from { $before } to { $when }? The ketua RT will be told.
reassess-moved = ✅ The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } is moved from { $before } to { $when }. The ketua RT has been told.
reassess-cancel-ask = Cancel the re-assessment visit to RT { $rt } Kelurahan { $kelurahan } on { $when }? The ketua RT will be told.
reassess-cancelled = The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } on { $when } is cancelled. The ketua RT has been told.
reassess-cancelled-already = The re-assessment visit to RT { $rt } Kelurahan { $kelurahan } on { $when } was already cancelled.
reassess-cancel-already = This visit is already cancelled.
reassess-notice-moved-ketua = 📅 { $name }, the re-assessment visit to RT { $rt } Kelurahan { $kelurahan } is moved from { $before } to { $when }. Have the RT's activities and records ready, as at the assessment.
reassess-notice-cancelled-ketua = { $name }, the re-assessment visit to RT { $rt } Kelurahan { $kelurahan } on { $when } is cancelled. You will be told if it is planned again.
## issue 15: fixes A
error-visit-already-held = That visit has already taken place, so it can no longer be moved or cancelled.
visit-held-card =
    RT { $rt } { $kelurahan } ({ $kecamatan })
    Visit: { $when } (already held)
    A visit that has taken place cannot be moved or cancelled.
visit-notice-withdrawn-assessor = { $name }, your assessment visit to RT { $rt } { $kelurahan } on { $when } is cancelled because the koordinator withdrew this RT's proposal.
error-team-round-decided = This assessment round has been decided, so its team members can no longer be removed: the decided team recap stays as it is.
error-team-revoked = Your membership of this round's assessment team has been revoked.
## issue 16: dashboard
app-title = Kampung BANTAR dashboard
app-boot-opening = Opening the dashboard…
app-boot-outside = This dashboard opens only inside Telegram, from the Kampung BANTAR bot.
app-boot-refused = The dashboard cannot be opened with this data. Close it and open it again from the bot.
app-boot-failed = The connection was lost. Check your internet, then open the dashboard again from the bot.
app-signed-out = Your dashboard session has ended. Close the dashboard and open it again from the bot.
app-forbidden = This page is outside your area.
app-not-found = There is no such page.
app-back-home = ← Home
app-home-greeting = Hello, { $name }!
app-home-unregistered = You are not registered yet. Open the Kampung BANTAR bot and send /start to register.
app-home-nothing = This dashboard is for ketua RT, koordinators and admins. Residents' commands are in the bot: send /bantuan.
app-home-my-rt = Your RT: RT { $rt } { $kelurahan }
app-home-area-count = { $count ->
        [one] 1 RT in your area
       *[other] { $count } RTs in your area
    }
app-home-area-empty = No RT is registered in your area yet.
app-home-city-count = { $count ->
        [one] 1 RT in the whole city
       *[other] { $count } RTs in the whole city
    }
app-rt-name = RT { $rt } { $kelurahan }
app-rt-place = Kelurahan { $kelurahan }, Kecamatan { $kecamatan }
app-rt-members = { $active } active, { $pending } waiting
app-rt-has-ketua = has a ketua
app-rt-no-ketua = ⚠️ no ketua yet
app-rt-households = { $count ->
        [one] 1 household
       *[other] { $count } households
    }

## issue 16: pages
app-home-ranking = 📊 RT ranking in your area →
app-rts-title = RT ranking
app-rts-filter-kelurahan = Kelurahan
app-rts-filter-all-kelurahan = All kelurahan
app-rts-filter-status = Status
app-rts-filter-all-status = Any status
app-rts-status-menurun = Fading
app-rts-status-naik = Rising
app-rts-status-stabil = Steady
app-rts-status-tanpa-ketua = No ketua
app-rts-status-belum-dinilai = Some not yet scored
app-rts-filter-apply = Show
app-rts-count = { $shown } of { $total } RTs shown · { $fading } fading
app-rts-none = No RT matches these filters.
app-rts-pick-kelurahan = Choose a kelurahan
app-rts-kelurahan-line = { $kelurahan } (Kec. { $kecamatan }): { $count ->
        [one] 1 RT
       *[other] { $count } RTs
    }
app-rts-trend = trend { $trend }
app-rts-trend-fading = ⚠️ { $trend } { $percent }%
app-rts-score = Score { $total }
app-rts-last-activity = last activity { $date }
app-rts-no-activity = no activity recorded yet
app-rts-no-ketua = ⚠️ no ketua
app-rt-scorecard = Scorecard
app-rt-dimension = { $dimension }: { $total }
app-rt-earlier-manual = Earlier scored { $score } by the koordinator on { $date }; now computed from activity records.
app-rt-chart-title = Share of households taking part, per week, last 12 weeks
app-rt-chart-title-households = Households taking part, per week, last 12 weeks (the RT's household count is not set)
app-rt-chart-week = Week of { $week }: { $value } ({ $households } households)
app-rt-activity-title = Activity in the last { $days } days
app-rt-bank = Waste bank: { $deposits } deposits, { $weight }, { $rupiah }
app-rt-reading = Reading corner: { $sessions } sessions ({ $attendees } attending), { $loans } book loans
## issue 16: activity and photos
app-rt-recent-title = Recent activity
app-rt-recent-line = { $date }: { $kind }, { $people } residents ({ $households } households)
app-rt-recent-none = No activity recorded in the last { $days } days.
app-rt-photos-title = Evidence photos
app-rt-photo = { $what }, { $date }
app-rt-photos-none = No evidence photos yet. The ketua RT and petugas send them with /bukti in the bot.
app-photo-failed = This photo could not be fetched from Telegram yet. Please try again shortly.

## issue 16: opening the app
button-dashboard-home = 📊 Open the dashboard
button-dashboard-rts = 📊 Open the ranking in the dashboard
button-dashboard-rt = 📊 Open this RT in the dashboard
menu-button-dashboard = Dashboard
app-dev-title = Development sign-in (console)
app-dev-intro = Only in the demo console (npm run console): pick a demo user to open the dashboard as them, without Telegram.
app-dev-unknown = There is no demo user with this id.

## issue 16: export and members
app-rts-download = ⬇️ Download this list as XLSX
app-rts-xlsx-pick = Pick a kelurahan on the ranking page first, then download its XLSX.
app-rts-col-rank = Rank
app-rts-col-last-activity = Last activity
app-rts-col-ketua = Ketua
app-rts-col-ketua-yes = yes
app-rts-col-ketua-no = none
app-rt-members-link = 👥 The RT's residents and their participation →
app-members-title = Residents of RT { $rt } { $kelurahan }
app-members-back-rt = ← RT { $rt } { $kelurahan }
app-members-summary = { $active } active residents, { $pending } awaiting approval · { $households } households
app-members-active = Active residents
app-members-none = No active residents yet.
app-members-activity = { $count } activities in the last { $days } days
app-members-last = last took part { $date }
app-members-never = has not taken part yet
app-members-pending-title = Awaiting approval ({ $count })
app-members-requested = asked to join { $date }
app-members-pending-hint = Approve or decline in the bot: send /anggota.
## issue 16: admin pages
app-home-city = 🏙️ The city by kecamatan →
app-home-kecamatan = 🏘️ Kecamatan { $kecamatan } by kelurahan →
app-city-title = The city by kecamatan
app-city-total = The whole city
app-city-by-kecamatan = By kecamatan
app-kecamatan-title = Kecamatan { $kecamatan }
app-kecamatan-total = The whole kecamatan
app-kecamatan-by-kelurahan = By kelurahan
app-area-back-city = City
app-area-rts = { $count ->
        [one] 1 RT
       *[other] { $count } RTs
    }
app-area-fading = { $count } fading
app-area-unscored = { $count } with unscored indicators
app-area-no-ketua = { $count } without a ketua
app-area-average = mean score { $average }
app-area-about = Fading: participation in the last 4 weeks fell compared with the 4 weeks before. Unscored: RTs that still have indicators without a score. Mean score: the RTs' total scores (over the indicators scored so far, at most 42), averaged.
app-area-recap-title = The assessment round's recap
app-area-no-round = There is no assessment round yet.
## issue 16: review fixes
app-rt-back-list = ← { $kelurahan } ranking
app-members-ketua-only = The member list of this RT is for its ketua only, as /anggota is in the bot. You can still open the RT's page.
app-rts-download-hint = If the download does not start, update your Telegram app, or open the dashboard from Telegram on a computer.
button-dashboard-city = 📊 Open the city in the dashboard
## issue 17: people without Telegram
command-tanpatelegram = Residents without Telegram (elders, children): record, change, claim link
offline-tag = without Telegram
offline-list-title = 📵 Residents without Telegram, RT { $rt } { $kelurahan } ({ $count }). Officers can record their attendance, waste bank deposits and book loans, which count for their household. Tap a name to change it.
offline-list-empty = 📵 No residents without Telegram in RT { $rt } { $kelurahan } yet. Elders and children who do not use Telegram can be recorded here, so their attendance, deposits and book loans count for their household.
offline-list-line = { $index }. { $name } — { $household } ({ $kind })
button-offline-add = ➕ Record a resident without Telegram
offline-card = 📵 { $name }
    Household: { $household }
    Group: { $kind }
    Gets no messages from the bot. If they start using Telegram, send them a claim link.
button-offline-rename = ✏️ Rename
button-offline-link = 🔗 Claim link
button-offline-remove = ➖ Remove from the RT
button-offline-erase = 🧹 Erase data
button-offline-back = « List
offline-ask-name = What is the resident's name? E.g. "Mbah Sarinah".
offline-ask-household = Which household does { $name } live in? Pick an existing one, or type another.
offline-household-other = ✍️ Another household (type it)
offline-ask-household-new = Type { $name }'s household: the head of the family or the house number, e.g. "Kel. Pak Budi, No. 12".
offline-ask-kind = { $name } is:
offline-kind-lansia = Elder
offline-kind-anak = Child
offline-kind-dewasa = Adult
offline-kind-none = Not given
offline-confirm = Check again:
    • Name: { $name }
    • Household: { $household }
    • Group: { $kind }
    Save?
button-offline-save = 💾 Save
offline-saved = ✅ { $name } is recorded as a resident without Telegram in household { $household }. Tick their attendance in /absen, record deposits in /setor and book loans in /pinjam.
offline-ask-rename = New name for { $name }?
offline-renamed = ✅ Renamed: { $old } → { $name }.
offline-remove-confirm = Remove { $name } from the RT (moved away or passed away)? Their activity records still count.
offline-removed = { $name } has been removed from the RT. Their activity records stay.
offline-erase-confirm = Erase { $name }'s data at their request? Their name and household are erased for good; the household's activity counts stay.
offline-erased = 🧹 The resident's data has been erased. Their activities still count, without a name.
offline-link = 🔗 Claim link for { $name }:
    { $link }
    Give it to { $name } only. Once opened and confirmed, their Telegram account takes this record over. Valid once, until { $expires }.
offline-claimed-notice = ✅ { $name } (RT { $rt } { $kelurahan }) now uses their own Telegram and gets the bot's messages.
claim-preview = This link is for the record of:
    • Name: { $name }
    • Household: { $household }
    • RT { $rt } { $kelurahan }
    If this is you, tap "Yes, this is me": your Telegram account will use this record, and you agree that your data is kept for the Kampung BANTAR program (see /dataku, erase with /hapusdata).
button-claim-yes = ✅ Yes, this is me
claim-done = ✅ Welcome, { $name }! You are now a resident of RT { $rt } { $kelurahan } with your own Telegram. Send /bantuan to see what you can do.
claim-already = The record of { $name } in RT { $rt } { $kelurahan } already uses your Telegram account. Send /bantuan to see what you can do.
claim-declined = All right, nothing was changed.
error-offline-not-found = That resident is not (or no longer) on your RT's list of residents without Telegram.
error-offline-name-invalid = That name cannot be used. Write a name in letters, e.g. "Mbah Sarinah".
error-offline-household-invalid = That household cannot be used. Write the head of the family or the house number.
error-offline-no-telegram = This resident does not use Telegram, so they cannot be given a duty in the RT.
error-claim-invalid = This claim link is not known. Ask your ketua RT or officer for a new one.
error-claim-used = This claim link has been used. Each link works once.
error-claim-stale = This claim link no longer works (a newer link replaced it, or the record changed). Ask your ketua RT or officer for a new one.
error-claim-expired = This claim link has expired. Ask your ketua RT or officer for a new one.
error-claim-member-here = Your Telegram account is already a resident of RT { $rt } { $kelurahan } in its own right, so it cannot take this record. If the record is a duplicate, ask the ketua to remove it in /tanpatelegram.
error-claim-member-elsewhere = Your Telegram account is already a resident of RT { $rt } { $kelurahan }. Leave that RT first (/keluar) if this record is really you.
error-claim-pending = You are still waiting for approval in RT { $rt } { $kelurahan }. Withdraw that request first (/keluar), then open the claim link again.
error-claim-has-history = Your Telegram account already has records of its own (activities, savings or duties), so it cannot be merged with this record. Please contact your ketua RT.
audit-action-offline_recorded = recorded { $target } as a resident without Telegram
audit-action-offline_renamed = renamed the resident without Telegram { $target }
audit-action-offline_removed = removed the resident without Telegram { $target }
audit-action-offline_claim_link = made a claim link for { $target }
audit-action-offline_claimed = claimed their record with their own Telegram
audit-action-offline_erased = erased the data of the resident without Telegram { $target }
loan-done-offline = Recorded: { $name } borrowed “{ $title }”, due back by { $day }. { $name } does not use Telegram, so the bot cannot remind them: please remind them in person.
button-offline-show = 📵 Residents without Telegram

## issue 17: kas RT and jimpitan
command-kas = RT cash book: balance, this month and the latest entries
command-kascatat = Record income or spending in the RT cash book
command-kaskoreksi = Correct a mistaken RT cash book entry
command-eksporkas = Download the RT cash book (XLSX) for the notice board
command-bendahara = Appoint or remove the RT treasurer
help-group-lapor = ▸ Residents' reports
help-group-kas = ▸ RT cash book
role-bendahara = RT treasurer
error-role-bendahara-ketua_rt = Sorry, this command is only for the treasurer and the RT head.
error-role-bendahara-ketua_rt-warga = Sorry, the RT cash book is only for registered residents of the RT. Send /start to register.
error-role-admin-bendahara-ketua_rt-koordinator = Sorry, this command is only for treasurers, RT heads, coordinators and city admins.
error-kas-insufficient = Not enough in the cash book: the balance is Rp { $balance }, the spending Rp { $amount }. Nothing was recorded.
error-kas-award-insufficient = Only Rp { $rest } of the award money is left, not enough for this spending. Record it without the award tag, or check the amount.
error-kas-balance-too-large = That amount takes the cash book past its limit. Please check the figure.
error-kas-entry-not-found = That cash book entry was not found or cannot be corrected.
error-kas-already-reversed = That entry was already corrected. An entry can be corrected only once.
error-kas-reversal-insufficient = This correction would take the cash book below zero (balance Rp { $balance }, correction Rp { $amount }). Nothing was recorded.
error-kas-not-on-duty = Sorry, jimpitan is recorded only by those on that night's watch in your RT.
error-kas-jimpitan-closed = That night's jimpitan can no longer be recorded with the button (more than 2 days). Ask the treasurer to record it with /kascatat.
error-kas-bendahara-is-ketua = The RT head can already keep the cash book; choose another resident as treasurer.
input-kas-text-characters = Please write with letters or digits, for example "Paint for the watch post".
audit-action-kas_income = recorded RT cash income No. { $entry } of { $amount }
audit-action-kas_spending = recorded RT cash spending No. { $entry } of { $amount }
audit-action-kas_reversal = recorded RT cash correction No. { $entry } of { $amount }
bendahara-appointed-notice = You have been appointed treasurer of RT { $rt } Kelurahan { $kelurahan }. Record with /kascatat, read with /kas.
bendahara-revoked-notice = Your duty as treasurer of RT { $rt } Kelurahan { $kelurahan } has ended. Thank you!
kas-bendahara-picker = Tap a name to appoint or remove the treasurer of RT { $rt } (✅ = treasurer):
kas-bendahara-appointed = { $name } is now the RT treasurer.
kas-bendahara-revoked = { $name } is no longer the RT treasurer.
kas-kind-iuran = Dues
kas-kind-jimpitan = Jimpitan
kas-kind-swadaya = Self-help (money)
kas-kind-pembinaan = Award money
kas-kind-donasi = Donation
kas-kind-lainnya = Other income
kas-label-spending = Spending
kas-label-reversal = Correction No. { $entry }
kas-entry-line = • No. { $entry } { $day } · { $label } · { $amount }{ $text }{ $award } ({ $by }){ $reversed }
kas-award-tag = [award money]
kas-erased-person = (data erased)
kas-reversed-tag = [corrected by No. { $entry }]
kas-title = 💰 Cash book of RT { $rt } Kelurahan { $kelurahan }
    Balance: { $balance }
kas-month-title = { $period }:
kas-month-opening = Opening balance: { $amount }
kas-month-no-income = No income yet.
kas-month-income-line = ➕ { $kind }: { $amount }
kas-month-income-total = Total income: { $amount }
kas-month-spending = ➖ Spending: { $amount }
kas-month-closing = Closing balance: { $amount }
kas-award-title = 🏆 Award money (uang pembinaan):
kas-award-decided = Decided ({ $level }, { $date }): { $amount }
kas-title-bantar = Kampung BANTAR
kas-title-kencana = Kampung BANTAR Kencana
kas-award-received = Received in the cash book: { $amount }
kas-award-no-lines = Nothing spent from the award money yet.
kas-award-line = • No. { $entry } { $day }: { $purpose } — { $amount }{ $reversed }
kas-award-spent = Spent: { $amount }
kas-award-rest = Left: { $amount }
kas-recent-title = Latest entries:
kas-recent-none = No entries yet.
kas-statement-title = 📒 Cash statement of RT { $rt } Kelurahan { $kelurahan }, { $period }
kas-statement-entries = Entries:
button-kas-record = ✍️ Record
button-kas-reverse = ↩️ Correct
button-kas-jimpitan = 🪙 Record jimpitan { $when }
kas-jimpitan-offer = The jimpitan of your watch night is not recorded yet:
kas-ask-kind = Record what?
kas-ask-income-amount = How much? Write for example "50.000" or "Rp 50.000".
kas-ask-spending-amount = How much was spent? Write for example "125.000".
kas-ask-purpose = What was it for? (for example "Paint for the watch post")
kas-ask-receipt = Send a photo of the receipt. A photo is required for every spending; send /batal if you do not have it yet.
kas-receipt-needed = A photo of the receipt is needed. Send the photo, or /batal.
kas-receipt-as-file = Please send it as a photo (not a file), or /batal.
kas-ask-from-award = Was this paid from the award money? ({ $rest } left)
kas-from-award-yes = Yes, from the award money
kas-from-award-no = No
kas-confirm-income = Save income { $kind } of { $amount }?
kas-confirm-spending = Save spending of { $amount } for "{ $purpose }"{ $award }?
kas-saved = ✅ Saved:
    { $line }
    The cash book now holds { $balance }.
kas-already-saved = Already saved before, not recorded twice:
    { $line }
    The cash book now holds { $balance }.
kas-late-saved = Already saved as cash book entry No. { $entry }. It is not recorded twice.
kas-reversal-none = There is no cash book entry to correct yet.
kas-ask-entry = Which entry is wrong?
kas-ask-reason = Why is it corrected?
kas-confirm-reversal = Cancel entry No. { $entry } ({ $label }, { $amount }) because "{ $reason }"? A correcting entry is added; the old one stays visible.
kas-jimpitan-already = The jimpitan of the watch on { $when } is already recorded:
    { $line }
kas-jimpitan-ask-amount = Jimpitan of the watch on { $when } (on duty: { $names }). How much was collected? Write for example "35.000".
kas-jimpitan-confirm = Save the jimpitan of the watch on { $when }: { $amount }, collected by { $names }?
kas-export-preparing = Preparing the cash book (XLSX)…
kas-export-caption = Cash book of { $rt }, the last 12 months. Balance now { $balance }.
kas-export-no-rt = No RT in your area keeps a cash book yet.
kas-export-choose-rt = Which RT's cash book?
kas-export-rt-button = RT { $rt } { $kelurahan }
kas-export-sheet-summary = Summary
kas-export-sheet-entries = Entries
kas-export-sheet-award = Award money
kas-export-col-month = Month
kas-export-col-opening = Opening balance
kas-export-col-income = Total income
kas-export-col-spending = Spending
kas-export-col-closing = Closing balance
kas-export-col-time = Time (WIB)
kas-export-col-kind = Kind
kas-export-col-amount = Amount (Rp)
kas-export-col-text = Description
kas-export-col-award = Award money
kas-export-col-receipt = Receipt
kas-export-col-reversed-by = Corrected by No.
kas-export-col-by = Recorded by
kas-export-yes = yes
kas-export-balance = Balance now
kas-export-generated = Generated
kas-export-award-received = Received
kas-export-award-spent = Spent
kas-export-award-rest = Left

## issue 17: reports (/lapor)
command-lapor = Report a problem in the RT (drain, rubbish, street light, security, facility)
command-laporanku = My reports and where they stand
command-laporanrt = Residents' reports still open
audit-action-report_filed = recorded resident's report #{ $entry } about { $category } without the reporter's name
audit-action-report_step = moved a resident's report from { $from } to { $to }
audit-action-report_escalated = passed a resident's report untouched for { $days } days to the koordinator
report-category-saluran = 🌊 Blocked drain / drainage
report-category-sampah = 🗑 Illegal dumping
report-category-lampu = 💡 Street light out
report-category-keamanan = 🚨 Security incident
report-category-fasilitas = 🏚 Damaged facility
report-category-lainnya = 📝 Other
report-status-baru = New
report-status-diterima = Accepted
report-status-ditangani = Being handled
report-status-selesai = Done
report-status-ditolak = Refused
button-report-start = 📣 Report a problem
button-report-list = 📋 Residents' reports
button-report-open = 📄 Open report
button-report-skip-photo = Skip photo
button-report-send-location = 📍 Send location
button-report-skip-location = Skip location
button-report-send = 📨 Send report
button-report-step-diterima = ✅ Accept
button-report-step-ditangani = 🛠 Being handled
button-report-step-selesai = 🏁 Done
button-report-step-ditolak = ✖️ Refuse (with a reason)
report-ask-category = 📣 Report a problem in the RT. What is it about?
report-ask-description = Describe the problem briefly: where it is and what happened (at most { $max } characters). Only the ketua RT sees your name.
report-ask-photo = 📷 Send one photo of the problem (as a Photo, not a File).
report-ask-photo-optional = 📷 Send one photo if you have one (as a Photo, not a File), or tap Skip photo.
report-not-photo = That is not a photo. Send a photo of the problem, or send /batal to stop.
report-not-photo-image-file = That picture came as a File. Send it again as a Photo (choose Gallery, not File).
report-not-photo-document = A file cannot be used. Send a photo of the problem, or send /batal to stop.
report-photo-taken = 📷 Photo received.
report-photo-taken-caption = 📷 Photo received. The caption is not kept: your description above is what counts.
report-ask-location = 📍 Share the location with the Send location button below (if you are there), or tap Skip location.
report-location-taken = 📍 Location received.
report-location-skipped = No location.
report-location-expected = Tap Send location or Skip location below, or send /batal to stop.
report-location-invalid = That location could not be read. Tap Send location again, or Skip location.
report-summary-photo-yes = yes
report-summary-photo-no = none
report-summary-location-yes = yes
report-summary-location-no = none
report-summary =
    Check your report:
    • Problem: { $category }
    • Description: { $description }
    • Photo: { $photo }
    • Location: { $location }
    Send it to the ketua RT?
report-filed = ✅ Report #{ $id } sent to the ketua RT. You will be told of every step; see where it stands with /laporanku.
report-submit-stale = This report was already sent or cancelled. Send /lapor for a new one.
report-new-ketua =
    📣 Resident's report #{ $id } in RT { $rt } { $kelurahan }: { $category }
    From: { $name }
    { $description }
    Follow it up with /laporanrt.
report-new-koordinator =
    📣 Resident's report #{ $id } in RT { $rt } { $kelurahan } (this RT has no ketua yet): { $category }
    { $description }
report-list-empty = No residents' reports are open. 👍
report-list-title = 📋 Residents' reports open: { $count }. The oldest on top; tap one to open it.
report-list-button = #{ $id } RT { $rt } · { $category } · { $status } · { $days } d
report-card-title = 📣 Report #{ $id } · { $category } · RT { $rt } { $kelurahan }
report-card-status = Status: { $status }
report-card-filed = Reported: { $at } ({ $ago })
report-card-reporter = Reporter: { $name } (only the ketua RT sees this name)
report-card-reporter-erased = (the reporter's data was erased)
report-card-erased-text = (the text was erased at the reporter's request)
report-card-location = 📍 Location: { $link }
report-card-no-location = 📍 No location
report-card-no-photo = 📷 No photo
report-card-reason = Reason for refusal: { $reason }
report-card-escalated = ⏫ Passed to the koordinator { $at }
report-step-done = Report #{ $id } is now: { $status }. The reporter has been told.
report-step-already = Report #{ $id } is already { $status }.
report-ask-reason = Write why report #{ $id } is refused (at most { $max } characters). The reporter will read it.
report-notice-diterima = ✅ Your report #{ $id } ({ $category }) was accepted by the ketua of RT { $rt }.
report-notice-ditangani = 🛠 Your report #{ $id } ({ $category }) is being handled.
report-notice-selesai = 🏁 Your report #{ $id } ({ $category }) has been dealt with. Thank you for reporting!
report-notice-ditolak =
    ✖️ Your report #{ $id } ({ $category }) was refused by the ketua of RT { $rt }.
    Reason: { $reason }
report-mine-empty = You have not reported anything yet. Send /lapor to report a problem in the RT.
report-mine-title = 📣 Your reports (latest { $count }):
report-mine-line = • #{ $id } { $category }: { $status } (reported { $at })
report-mine-reason = ‣ Reason: { $reason }
report-escalated-koordinator =
    ⏫ Resident's report #{ $id } in RT { $rt } { $kelurahan } ({ $kecamatan }) has had no step for { $days } days.
    { $category } · status: { $status }
    { $description }
report-escalated-ketua = ⏫ Report #{ $id } ({ $category }) has had no step for { $days } days, so it was passed to the koordinator. Please handle it with /laporanrt.
error-report-not-member = /lapor is for residents registered in an RT. Join first through your RT's invite link.
error-report-description-invalid = The description is needed, at most { $max } characters.
error-report-photo-required = This report needs a photo.
error-report-location-invalid = That location could not be read.
error-report-not-found = That report was not found.
error-report-stale = This button is old: the report is now { $status }. Open it again from /laporanrt.
error-report-step-invalid = A report that is { $from } cannot be moved to { $to }.
error-report-reason-required = Write the reason, at most { $max } characters.
report-hours = { $hours } h
report-figures = last { $days } days: { $filed } reports ({ $open } open, { $done } done, { $rejected } refused); median first response { $response }, median to done { $resolved }
app-rt-reports-title = 📣 Residents' reports
app-rt-reports-open = Open now: { $count }
app-rt-reports-hint = Counts and times only; who reported is not shown. Reports are grouped under indicators B1, B2, B6 and A2 on the scorecard.
app-rt-reports-indicator = 📣 Residents' reports concerned, { $figures }
digest-reports-title = 📣 Residents' reports (last { $days } days; open now: { $open })
digest-reports-indicator = • { $code } { $label }: { $filed } reports, { $open } open, { $done } done
digest-reports-open-suffix = {" "}· 📣 { $count } open reports
digest-col-reports-filed = Residents' reports ({ $days } days)
digest-col-reports-open = Open reports
digest-col-reports-response = Median response (hours)
## issue 17: polls
command-polling = Ask residents with a poll (musyawarah)
score-kind-musyawarah = musyawarah poll
digest-kind-musyawarah = Musyawarah poll
audit-action-poll_created = created poll #{ $entry } for { $recipients } recipients
audit-action-poll_closed = closed poll #{ $entry }
error-poll-no-group = This RT has no linked Telegram group. Choose to send to each resident, or link the group with /hubungkan in it.
error-poll-not-found = That poll was not found.
error-poll-group-anonymous-household = An anonymous poll in a group cannot keep one vote per household: in a group Telegram does not tell anyone who voted, not even the bot.
input-poll-options-too-few = Write at least { $min } answer options, one per line.
input-poll-options-too-many = There are { $count } options; at most { $max }. Merge or drop some, then write them again.
input-poll-option-too-long = The option "{ $option }" is too long: at most { $max } characters per option.
input-poll-options-duplicate = The option "{ $option }" is written twice. Each option must be different.
poll-ask-question = What would you like to ask the residents? Write the question (at most { $max } characters).
    Example: Which day for next month's clean-up?
poll-ask-options = Write the answer options, one per line ({ $min } to { $max } options, each at most { $length } characters). Example:
    Saturday morning
    Sunday morning
poll-ask-where = Where should it go?
    • RT group: one poll in the group.
    • Each resident: a private poll to { $count } residents; only the bot sees their choice.
button-poll-group = 👥 RT group
button-poll-private = 📩 Each resident (private)
poll-ask-anonymous = Results without names? Without names: the result holds only the counts. With names: you (the ketua) see who chose what; residents still see only the counts.
poll-ask-anonymous-group = Results without names? In a group, a poll with names shows every voter's name to the whole group (that is how Telegram works). An anonymous poll in a group cannot be limited to one vote per household.
button-poll-anonymous = 🙈 Without names
button-poll-named = 🙋 With names
poll-household-impossible = Note: an anonymous poll in a group counts people, not households (Telegram does not tell who voted). If you need one vote per household, cancel and choose to send to each resident.
poll-ask-household = One vote per household (KK)? If yes, the first vote from a household counts; other members who vote later are told their vote does not count. Residents without a household on record count on their own.
button-poll-household = 🏠 One vote per household
button-poll-per-person = 👤 One vote per person
poll-ask-days = How long should the poll stay open? (usually { $days } days)
button-poll-days = { $days } days
button-poll-days-default = { $days } days ✓
poll-summary = Please check:
    ❓ { $question }
    ⏰ Closes { $when }
poll-summary-option = { $number }. { $option }
poll-summary-group = 👥 To the RT group
poll-summary-private = 📩 To { $count } residents ({ $muted } who turned announcements off are not sent it)
poll-summary-anonymous = 🙈 Results without names
poll-summary-named = 🙋 The ketua sees voters' names; residents only the counts
poll-summary-named-group = 🙋 Voters' names are visible to the whole group
poll-summary-household = 🏠 One vote per household
poll-summary-per-person = 👤 One vote per person
button-poll-send = 📤 Send poll
poll-started-group = The poll was sent to the RT group. It closes { $when }; the result goes to the group and to you. Send /polling to see the result so far or to close it early.
poll-started-private = The poll was sent to { $count } residents. It closes { $when }; the result goes to them and to you. Send /polling to see the result so far or to close it early.
poll-intro = 📊 A poll from the Head of RT { $rt }, { $asker }. Choose your answer below before { $when }.
poll-rule-household = 🏠 One vote per household: the first vote from each household counts.
poll-rule-anonymous = 🙈 Results without names.
poll-rule-open = 🙋 The head of the RT sees voters' names; other residents see only the counts.
poll-rule-open-group = 🙋 Voters' names are visible to the whole group.
poll-vote-household-taken = Thank you. For the poll "{ $question }", a member of your household voted first, so your vote does not count (one vote per household). Talk it over at home: whoever voted first can change their choice.
poll-open-list = Polls still open:
poll-open-item = • { $question } (closes { $when }, { $voters } votes)
button-poll-peek = 👀 Result so far: { $question }
button-poll-close = 🔒 Close now: { $question }
button-poll-new = ➕ New poll
poll-not-found = That poll was not found or is not your RT's.
poll-already-closed = That poll is already closed.
poll-closed = Poll closed.
poll-closed-sent = Poll closed. The result was sent to the residents and to you.
poll-closed-by-ketua = 🔒 The poll is closed.
poll-closed-by-time = ⏰ The poll's time is up; it is closed.
poll-result-title = 📊 Poll result: { $question }
poll-result-title-open = 📊 Result so far: { $question }
poll-result-line = • { $option }: { $count } ({ $percent }%)
poll-result-voters = { $count } votes.
poll-result-voters-household = { $count } votes (one per household).
poll-erased-text = (erased)
button-satisfaction-ask = 😀 Ask those present how it went
satisfaction-question = How was it? ({ $kind }, { $when }) Choose one.
satisfaction-sent = The question "How was it?" was sent to { $count } residents who were present. Their answers (without names) appear in /absen for this event.
satisfaction-summary = Satisfaction: { $faces } ({ $answered } of { $asked } answered)
satisfaction-thanks = Thank you for your answer!
satisfaction-already = Your answer was already recorded.
error-satisfaction-not-offered = The satisfaction question is only for a gotong royong or rapat that has begun and was not cancelled.

## issue 17: knowing what counts (/indikator, the counted line, the monthly summary)
command-indikator = The 21 Kampung BANTAR indicators: where the RT stands and how you can help
button-indikator-open = 📋 What counts?
button-indikator-other-rt = 🏘 Another RT of my area
indikator-title = 📋 Kampung BANTAR indicators — RT { $rt } Kelurahan { $kelurahan }
indikator-total = The RT's score now: { $total }. Each indicator scores 2 (good), 1 (fair) or 0 (poor).
indikator-group = { $dimension } ({ $total })
indikator-line = { $code } { $label } — { $status }
indikator-status-good = ✅ good (2)
indikator-status-fair = 🟡 fair (1)
indikator-status-poor = 🔴 poor (0)
indikator-status-missing = ⚪ not yet scored by the coordinator
indikator-plain =    { $text }
indikator-measured =    📊 { $explanation }
indikator-tip =    👉 What you can do: { $tip }
indikator-footer = Tap Bersih, Aman or Pintar for the other groups. Scores come from the activity records of the last 28 days and the coordinator's assessment.
indikator-no-rts = No RT is registered in your area yet.
indikator-pick-rt = Choose an RT ({ $count } RTs in your area) to see its indicators:
indikator-rt-button = RT { $rt } { $kelurahan }
indikator-plain-b1 = Healthy, tidy houses and settlement.
indikator-plain-b2 = Roads, drains, street lights and shared bins in good repair.
indikator-plain-b3 = Residents keep the neighbourhood clean: communal work and the waste bank.
indikator-plain-b4 = Plants and green space, clean air, no burning of rubbish.
indikator-plain-b5 = Idle land used for vegetable gardens or family medicinal plants (TOGA).
indikator-plain-b6 = Healthy latrines, drains that flow and are covered.
indikator-plain-b7 = Residents do gotong royong and help one another.
indikator-plain-a1 = Free of drugs and alcohol.
indikator-plain-a2 = Safe from crime; the night watch runs.
indikator-plain-a3 = Free of prostitution and indecency.
indikator-plain-a4 = No domestic violence, discrimination or child labour.
indikator-plain-a5 = Shared matters are decided by deliberation in residents' meetings.
indikator-plain-a6 = Residents know their rights and duties as citizens and obey the law.
indikator-plain-a7 = Customs, culture and shared religious life stay alive.
indikator-plain-p1 = Residents' economic groups exist (cooperative, small businesses, UP2K-PKK).
indikator-plain-p2 = An active reading corner, Qur'an school or study group.
indikator-plain-p3 = Youth club, PKK, majelis taklim and other residents' groups are active.
indikator-plain-p4 = Everyone can read and children stay in school.
indikator-plain-p5 = Working-age residents have work or a business.
indikator-plain-p6 = Healthy mothers and toddlers; posyandu and elderly exercise run.
indikator-plain-p7 = Residents are trained and encouraged to grow their skills and businesses.
indikator-tip-b1 = tidy your yard and fence, put up your house number, do not pile junk outside.
indikator-tip-b2 = report blocked drains or broken street lights to the ketua RT.
indikator-tip-b3 = join the gotong royong or bring sorted waste to the waste bank this month.
indikator-tip-b4 = plant a tree or a pot in front of your house, and do not burn rubbish.
indikator-tip-b5 = help tend the TOGA or vegetable garden.
indikator-tip-b6 = join the drain clean-up, and make sure your house's waste water is covered.
indikator-tip-b7 = join the Sunday-morning gotong royong and send its check-in code to the bot.
indikator-tip-a1 = bring teenagers to positive activities and attend the anti-drug talks.
indikator-tip-a2 = join the night watch with /siapronda and press "I am at the ronda" on your night.
indikator-tip-a3 = report guests staying over 24 hours to the ketua RT.
indikator-tip-a4 = attend the family and child protection sessions with PKK or the puskesmas.
indikator-tip-a5 = attend the residents' meeting and vote in your RT's polls; speak up there.
indikator-tip-a6 = follow the kelurahan's sessions on law and elections.
indikator-tip-a7 = attend pengajian, yasinan, the youth club or PKK.
indikator-tip-p1 = join or start a residents' business group, e.g. a cooperative or UP2K-PKK.
indikator-tip-p2 = borrow a book at the reading corner or bring the children to a reading or study session.
indikator-tip-p3 = take part in the youth club, PKK or majelis taklim.
indikator-tip-p4 = borrow a book at the reading corner and report your reading with /baca.
indikator-tip-p5 = share job openings and training with your neighbours.
indikator-tip-p6 = take toddlers to the posyandu and bring elders to the elderly exercise.
indikator-tip-p7 = join or offer skills training (sewing, food processing, crafts).
counted-met = reached ✅
counted-not-met = not reached yet
counted-b3 = 🌿 Counted for B3: { $percent }% of RT { $rt }'s households did gotong royong or used the waste bank in the last { $days } days; the target for 2 (good) is { $goodTarget }%, { $status }.
counted-b5 = 🌱 Counted for B5: the TOGA garden was tended { $held } times in the last { $days } days, by { $percent }% of RT { $rt }'s households; the target for 2 (good) is { $goodTimes } times with { $goodTarget }%, { $status }.
counted-b6 = 🚰 Counted for B6: { $held } drain clean-ups in the last { $days } days, { $percent }% of RT { $rt }'s households present on average; the target for 2 (good) is { $goodTimes } times with { $goodTarget }%, { $status }.
counted-b7 = 🤝 Counted for B7: { $held } gotong royong in the last { $days } days, { $percent }% of RT { $rt }'s households present on average; the target for 2 (good) is { $goodTimes } times with { $goodTarget }%, { $status }.
counted-a2 = 🔦 Counted for A2: { $staffed } of { $held } ronda shifts of RT { $rt } manned ({ $percent }%) in the last { $days } days; the target for 2 (good) is { $goodTarget }%, { $status }.
counted-a5 = 🗣 Counted for A5: { $held } residents' meetings in the last { $days } days, { $percent }% of RT { $rt }'s households present on average; the target for 2 (good) is { $goodTimes } times with { $goodTarget }%, { $status }.
counted-a5-polls = 🗣 Counted for A5: { $held } musyawarah polls in the last { $days } days, { $percent }% of RT { $rt }'s households voting on average; the target for 2 (good) is { $goodTimes } times with { $goodTarget }%, { $status }.
counted-a7 = 🕌 Counted for A7: { $percent }% of RT { $rt }'s households came to pengajian, yasinan, the youth club or PKK in the last { $days } days; the target for 2 (good) is { $goodTarget }%, { $status }.
counted-p2 = 📚 Counted for P2: { $sessions } reading or study sessions in RT { $rt } in the last { $days } days; the target for 2 (good) is { $goodTarget } sessions, { $status }.
counted-p6 = 🩺 Counted for P6: { $sessions } posyandu and elderly exercise sessions in RT { $rt } in the last { $days } days; the target for 2 (good) is { $goodTarget }, { $status }.
monthly-title = 📅 { $name }, here is { $month } for RT { $rt } Kelurahan { $kelurahan }.
monthly-total = The RT's Kampung BANTAR score on { $date }: { $total }.
monthly-moved-up = Up { $delta } from last month ({ $before }). 👍
monthly-moved-down = Down { $delta } from last month ({ $before }).
monthly-moved-same = The same as last month ({ $before }).
monthly-newly-scored = 🆕 Scored for the first time this month (not counted in the change above): { $codes }
monthly-no-longer-scored = No longer scored (not counted in the change above): { $codes }
monthly-up = ⬆️ Indicators up: { $codes }
monthly-down = ⬇️ Indicators down: { $codes }
monthly-no-change = No indicator changed its score.
monthly-households-title = 🏆 The most active households in { $month }:
monthly-household = { $rank }. { $household } — { $count } activities
monthly-officers = 🙏 Thank you to this RT's waste-bank and reading-corner officers: { $names }.
monthly-improved = 🌟 The most improved RT in Kelurahan { $kelurahan } this month: RT { $rt } (up { $delta }).
monthly-improved-own = 🌟 Your RT is the most improved in Kelurahan { $kelurahan } this month (up { $delta }). Congratulations!
monthly-footer = Type /indikator to see how you can help this month. Rather not get this summary? Type /senyap.

## issue 17: reports review fixes
report-days-ago = { $days ->
    [0] today
    [1] yesterday
   *[other] { $days } days ago
}
report-reject-cancel-stale = This reason form has ended or was replaced by a newer one. Nothing was changed.
audit-actor-bot = The bot
## issue 17: residents without Telegram (review fixes)
error-offline-kind-invalid = That is not one of the choices. Pick Elder, Child, Adult or Not given.
error-offline-has-holdings = This resident still has waste-bank savings or a borrowed book. Have a waste-bank officer pay out the savings (/tarik) and return the book (/kembali) first, then remove them or erase their data.
offline-holdings-savings = 💰 Waste-bank savings: { $balance }
offline-holdings-loans = 📚 Books still borrowed: { $titles }
offline-holdings-block = { $name } cannot be removed or erased now: the savings and loans below would be stranded, since only residents of the RT can withdraw or return. Have a waste-bank officer pay out the savings (/tarik) and return the books (/kembali) first.
offline-list-more = (list continued)
loan-reminder-keeper-due = 📚 Reading corner reminder: { $name } (no Telegram) borrowed "{ $title }", due back { $day }. Please let them know.
loan-reminder-keeper-overdue = 📚 Reading corner reminder: "{ $title }" borrowed by { $name } (no Telegram) is { $days } days late (due back { $day }). Please let them know.
## issue 17: kas fixes
error-kas-award-earmarked = The unspent award money (Rp { $rest }) is set aside in the kas, so only Rp { $free } is free, not enough for a spending of Rp { $amount }. If this was paid from the award money, record it again and choose "Yes, from the award money". Nothing was recorded.
error-kas-reversal-earmarked = This correction would leave the kas below the unspent award money (Rp { $rest }); only Rp { $free } is free. Nothing was recorded.
error-kas-award-no-title = This RT holds no Kampung BANTAR title yet, so there is no award money to record. Choose another kind of income. Nothing was recorded.
error-kas-award-income-beyond = At most Rp { $allowed } can still be recorded as award money (the titles' awards less what was already recorded). Check the amount. Nothing was recorded.
error-kas-jimpitan-not-open = That ronda night has not started yet. Jimpitan can be recorded from half an hour before the ronda.
kas-month-corrections = ↩️ Corrections of earlier months' entries: { $amount }
kas-ask-entry-or-number = Which entry is wrong? Tap one of the newest entries below, or type the entry's number (for example "No. 123", as /kas and the monthly statement show it).
kas-entry-not-reversible = Entry No. { $entry } is not in your RT's kas, or it is already corrected, or it is itself a correction. Check the number.
input-kas-entry-number = Type just the entry's number, for example "123" or "No. 123".
## issue 17: polls fixes
poll-vote-promoted = For the poll "{ $question }", the vote of your household's member who voted first no longer stands, so your vote now counts for your household.
satisfaction-too-few = not enough answers yet
## issue 17: polls, final review
poll-result-in-poll = 📊 The poll "{ $question }" is closed. Its final result shows on the poll itself in the RT group (counted by Telegram, without names).
## issue 18: jobs fix
error-export-month-invalid = That report month is not valid. Send /eksporbank to choose the bank and month again.
