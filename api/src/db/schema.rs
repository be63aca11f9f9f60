//! The one portable schema: diesel types that mean the same on PostgreSQL and SQLite.
//! Kept by hand in step with `migrations/postgres` and `migrations/sqlite`.

diesel::table! {
    organisations (id) {
        id -> Text,
        parent_id -> Nullable<Text>,
        path -> Text,
        depth -> Integer,
        name -> Text,
        short_name -> Nullable<Text>,
        kind -> Text,
        division_code -> Nullable<Text>,
        address -> Nullable<Text>,
        credit_code -> Nullable<Text>,
        ownership -> Nullable<Text>,
        industry -> Nullable<Text>,
        headcount -> Nullable<Integer>,
        women_headcount -> Nullable<Integer>,
        founded_on -> Nullable<Date>,
        legal_person_certificate -> Nullable<Text>,
        chair_name -> Nullable<Text>,
        chair_contact -> Nullable<Text>,
        status -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        organisation_id -> Text,
        scopes -> Text,
        disabled -> Bool,
        last_login_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        member_id -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        account_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_username -> Nullable<Text>,
        action -> Text,
        resource_type -> Text,
        resource_id -> Text,
        organisation_id -> Nullable<Text>,
        request_id -> Nullable<Text>,
        changes -> Text,
    }
}

diesel::table! {
    idempotency_keys (account_key, idempotency_key) {
        account_key -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status_code -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        response_body -> Nullable<Text>,
        location -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (throttle_key) {
        throttle_key -> Text,
        attempts -> Integer,
        window_started -> BigInt,
    }
}

diesel::joinable!(accounts -> organisations (organisation_id));
diesel::joinable!(refresh_tokens -> accounts (account_id));
diesel::joinable!(audit_events -> organisations (organisation_id));
diesel::table! {
    members (id) {
        id -> Text,
        organisation_id -> Text,
        name -> Text,
        gender -> Text,
        ethnicity -> Nullable<Text>,
        birth_date -> Date,
        id_number -> Text,
        id_number_rev -> Text,
        mobile -> Nullable<Text>,
        education -> Nullable<Text>,
        political_status -> Nullable<Text>,
        hukou_type -> Nullable<Text>,
        hukou_division -> Nullable<Text>,
        employment_status -> Nullable<Text>,
        skill_level -> Nullable<Text>,
        migrant_worker -> Bool,
        new_form_employment -> Bool,
        new_form_kind -> Nullable<Text>,
        dispatched -> Bool,
        joined_on -> Nullable<Date>,
        card_number -> Nullable<Text>,
        status -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    membership_changes (id) {
        id -> Text,
        member_id -> Text,
        change -> Text,
        effective_on -> Date,
        from_organisation_id -> Nullable<Text>,
        to_organisation_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    card_sequences (division) {
        division -> Text,
        next_serial -> BigInt,
    }
}

diesel::table! {
    membership_requests (id) {
        id -> Text,
        kind -> Text,
        status -> Text,
        id_number -> Text,
        person -> Text,
        member_id -> Nullable<Text>,
        from_organisation_id -> Nullable<Text>,
        to_organisation_id -> Text,
        reason -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        requested_by -> Nullable<Text>,
        released_by -> Nullable<Text>,
        released_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    member_imports (id) {
        id -> Text,
        organisation_id -> Text,
        status -> Text,
        file_name -> Nullable<Text>,
        total_rows -> Integer,
        valid_rows -> Integer,
        errors -> Text,
        payload -> Text,
        inserted -> Nullable<Integer>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        committed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    member_honours (id) {
        id -> Text,
        member_id -> Text,
        kind -> Text,
        level -> Text,
        title -> Text,
        awarded_on -> Date,
        awarding_body -> Text,
        version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    hardship_files (id) {
        id -> Text,
        member_id -> Text,
        category -> Text,
        household_size -> Integer,
        monthly_income_per_head_fen -> BigInt,
        reason -> Text,
        status -> Text,
        applied_on -> Date,
        reviewed_by -> Nullable<Text>,
        reviewed_on -> Nullable<Date>,
        review_note -> Nullable<Text>,
        review_due_on -> Nullable<Date>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    hardship_reviews (id) {
        id -> Text,
        file_id -> Text,
        decision -> Text,
        note -> Nullable<Text>,
        decided_on -> Date,
        review_due_on -> Nullable<Date>,
        decided_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    hardship_evidence (id) {
        id -> Text,
        file_id -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    hardship_assistance (id) {
        id -> Text,
        file_id -> Text,
        given_on -> Date,
        kind -> Text,
        amount_fen -> BigInt,
        note -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    courses (id) {
        id -> Text,
        organisation_id -> Text,
        title -> Text,
        category -> Text,
        description -> Text,
        partner_organisation_id -> Nullable<Text>,
        partner_name -> Nullable<Text>,
        venue -> Text,
        venue_address -> Text,
        venue_division -> Text,
        fee_fen -> BigInt,
        min_places -> Integer,
        max_places -> Integer,
        enrol_opens_at -> Timestamp,
        enrol_closes_at -> Timestamp,
        eligibility -> Text,
        completion_percent -> Integer,
        status -> Text,
        enrolled_count -> Integer,
        arrivals -> Integer,
        cancel_reason -> Nullable<Text>,
        request_id -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    course_sessions (id) {
        id -> Text,
        course_id -> Text,
        session_date -> Date,
        starts_at -> Time,
        ends_at -> Time,
        venue -> Nullable<Text>,
        teacher -> Text,
        checkin_secret -> Text,
        version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    enrolments (id) {
        id -> Text,
        course_id -> Text,
        member_id -> Nullable<Text>,
        name -> Text,
        id_number -> Text,
        mobile -> Nullable<Text>,
        migrant_worker -> Bool,
        status -> Text,
        arrival -> Integer,
        enrolled_at -> Nullable<Timestamp>,
        left_at -> Nullable<Timestamp>,
        left_reason -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attendance (id) {
        id -> Text,
        session_id -> Text,
        enrolment_id -> Text,
        status -> Text,
        method -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    certificates (id) {
        id -> Text,
        code -> Text,
        course_id -> Text,
        enrolment_id -> Text,
        holder_name -> Text,
        issued_on -> Date,
        status -> Text,
        revoked_reason -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        kind -> Text,
        course_id -> Nullable<Text>,
        enrolment_id -> Nullable<Text>,
        member_id -> Nullable<Text>,
        account_id -> Nullable<Text>,
        mobile -> Nullable<Text>,
        message -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    course_requests (id) {
        id -> Text,
        organisation_id -> Text,
        category -> Nullable<Text>,
        topic -> Text,
        division -> Text,
        preferred_times -> Nullable<Text>,
        status -> Text,
        supporters -> Integer,
        course_id -> Nullable<Text>,
        filed_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    course_request_supporters (request_id, account_id) {
        request_id -> Text,
        account_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(courses -> organisations (organisation_id));
diesel::joinable!(course_sessions -> courses (course_id));
diesel::joinable!(enrolments -> courses (course_id));
diesel::joinable!(attendance -> course_sessions (session_id));
diesel::joinable!(attendance -> enrolments (enrolment_id));
diesel::joinable!(certificates -> enrolments (enrolment_id));
diesel::joinable!(course_requests -> organisations (organisation_id));
diesel::joinable!(member_honours -> members (member_id));
diesel::joinable!(hardship_files -> members (member_id));
diesel::joinable!(hardship_reviews -> hardship_files (file_id));
diesel::joinable!(hardship_evidence -> hardship_files (file_id));
diesel::joinable!(hardship_assistance -> hardship_files (file_id));
diesel::joinable!(member_imports -> organisations (organisation_id));
diesel::joinable!(members -> organisations (organisation_id));
diesel::joinable!(membership_changes -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    accounts,
    refresh_tokens,
    audit_events,
    idempotency_keys,
    login_attempts,
    members,
    membership_changes,
    card_sequences,
    membership_requests,
    member_imports,
    member_honours,
    hardship_files,
    hardship_reviews,
    hardship_evidence,
    hardship_assistance,
    courses,
    course_sessions,
    enrolments,
    attendance,
    certificates,
    notices,
    course_requests,
    course_request_supporters
);
