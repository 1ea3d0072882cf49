CREATE TYPE "public"."alert_kind" AS ENUM('no_meeting', 'check_in_unanswered', 'low_fit', 'low_satisfaction', 'proposal_unanswered', 'proposal_expired');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'acknowledged', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."business_stage" AS ENUM('idea', 'project', 'created_less_than_1_year', 'created_1_to_3_years', 'created_more_than_3_years');--> statement-breakpoint
CREATE TYPE "public"."check_in_kind" AS ENUM('pairing_fit', 'scheduled', 'closure');--> statement-breakpoint
CREATE TYPE "public"."check_in_status" AS ENUM('scheduled', 'sent', 'answered', 'missed');--> statement-breakpoint
CREATE TYPE "public"."commune_kind" AS ENUM('commune', 'arrondissement');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('online_form', 'paper_form', 'verbal', 'email');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('mentoring', 'data_sharing_with_partner', 'impact_follow_up', 'communications');--> statement-breakpoint
CREATE TYPE "public"."decision" AS ENUM('accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."end_reason" AS ENUM('goal_reached', 'mentee_found_job', 'mentee_unavailable', 'mentor_unavailable', 'not_a_good_fit', 'no_contact', 'program_ended', 'other');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('female', 'male', 'other', 'undisclosed');--> statement-breakpoint
CREATE TYPE "public"."goal_kind" AS ENUM('goal', 'next_step');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('open', 'in_progress', 'achieved', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'running', 'succeeded', 'failed', 'dead');--> statement-breakpoint
CREATE TYPE "public"."matching_mode" AS ENUM('optimal', 'stable', 'greedy');--> statement-breakpoint
CREATE TYPE "public"."meeting_mode" AS ENUM('in_person', 'remote', 'both');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."mentee_status" AS ENUM('referred', 'waiting', 'in_tandem', 'completed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."mentor_kind" AS ENUM('entrepreneur', 'executive', 'employee', 'recruiter', 'retired');--> statement-breakpoint
CREATE TYPE "public"."mentor_status" AS ENUM('applied', 'charter_signed', 'active', 'paused', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."naf_level" AS ENUM('section', 'division', 'groupe', 'classe', 'sous_classe');--> statement-breakpoint
CREATE TYPE "public"."note_visibility" AS ENUM('private', 'staff', 'partner');--> statement-breakpoint
CREATE TYPE "public"."outcome_kind" AS ENUM('job_permanent', 'job_fixed_term_long', 'job_fixed_term_short', 'training', 'business_created', 'business_active', 'business_closed', 'still_searching', 'other');--> statement-breakpoint
CREATE TYPE "public"."outcome_milestone" AS ENUM('end', 'month_6', 'month_12', 'month_36');--> statement-breakpoint
CREATE TYPE "public"."partner_kind" AS ENUM('business_support', 'employment_service', 'mission_locale', 'insertion', 'association', 'public_body', 'company', 'other');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('staged', 'removed', 'published');--> statement-breakpoint
CREATE TYPE "public"."respondent_side" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'coordinator', 'referrer', 'mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."round_status" AS ENUM('staged', 'published', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."tandem_status" AS ENUM('proposed', 'accepted', 'active', 'completed', 'ended_early', 'declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."track" AS ENUM('job_search', 'business_creation', 'business_growth');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('invited', 'active', 'disabled');--> statement-breakpoint
CREATE TABLE "communes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "commune_kind" NOT NULL,
	"parent_code" text,
	"departement" text NOT NULL,
	"region" text,
	"epci_code" text,
	"postal_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"population" integer,
	"latitude" double precision,
	"longitude" double precision
);
--> statement-breakpoint
CREATE TABLE "epcis" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "naf_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"level" "naf_level" NOT NULL,
	"label" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "qpv_communes" (
	"qpv_code" text NOT NULL,
	"commune_code" text NOT NULL,
	CONSTRAINT "qpv_communes_qpv_code_commune_code_pk" PRIMARY KEY("qpv_code","commune_code")
);
--> statement-breakpoint
CREATE TABLE "qpvs" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_appellations" (
	"code_ogr" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"short_label" text NOT NULL,
	"rome_code" text NOT NULL,
	"is_main" boolean DEFAULT false NOT NULL,
	"is_rare" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_domaines" (
	"code" text PRIMARY KEY NOT NULL,
	"grand_domaine_code" text NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_grands_domaines" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_occupations" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"domaine_code" text NOT NULL,
	"is_managerial" boolean DEFAULT false NOT NULL,
	"is_regulated" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"method" "consent_method" NOT NULL,
	"text_version" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "hub_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"legal_entity" text,
	"contact_email" text,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"default_locale" text DEFAULT 'fr' NOT NULL,
	"proposal_deadline_days" integer DEFAULT 7 NOT NULL,
	"silent_tandem_alert_days" integer DEFAULT 30 NOT NULL,
	"check_in_months" integer[] DEFAULT '{1,3,6}'::integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hub_settings_singleton" CHECK ("hub_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "mentee_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"track" "track" NOT NULL,
	"status" "mentee_status" DEFAULT 'referred' NOT NULL,
	"partner_id" uuid,
	"referrer_id" uuid,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"waiting_since" timestamp with time zone,
	"target_occupation_code" text,
	"business_project" text,
	"business_stage" "business_stage",
	"business_sector_code" text,
	"business_created_on" date,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"commune_code" text,
	"qpv_code" text,
	"languages" text[] DEFAULT '{fr}'::text[] NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"mode" "meeting_mode" DEFAULT 'both' NOT NULL,
	"birth_year" integer,
	"gender" "gender",
	"education_level" text,
	"about_me" text,
	CONSTRAINT "mentee_occupation_code" CHECK ("mentee_profiles"."target_occupation_code" ~ '^[A-N][0-9]{4}$'),
	CONSTRAINT "mentee_birth_year" CHECK ("mentee_profiles"."birth_year" BETWEEN 1900 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "mentor_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"kind" "mentor_kind" NOT NULL,
	"status" "mentor_status" DEFAULT 'applied' NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"active_tandem_count" integer DEFAULT 0 NOT NULL,
	"paused_until" date,
	"charter_signed_at" timestamp with time zone,
	"charter_version" text,
	"vetted_at" timestamp with time zone,
	"vetted_by" uuid,
	"rejection_reason" text,
	"job_title" text,
	"employer" text,
	"occupation_code" text,
	"sector_code" text,
	"years_of_experience" integer,
	"expertise" text[] DEFAULT '{}'::text[] NOT NULL,
	"tracks" "track"[] DEFAULT '{}'::track[] NOT NULL,
	"languages" text[] DEFAULT '{fr}'::text[] NOT NULL,
	"commune_code" text,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"mode" "meeting_mode" DEFAULT 'both' NOT NULL,
	"bio" text,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_capacity_range" CHECK ("mentor_profiles"."capacity" BETWEEN 1 AND 10),
	CONSTRAINT "mentor_capacity_not_exceeded" CHECK ("mentor_profiles"."active_tandem_count" >= 0 AND "mentor_profiles"."active_tandem_count" <= "mentor_profiles"."capacity"),
	CONSTRAINT "mentor_occupation_code" CHECK ("mentor_profiles"."occupation_code" ~ '^[A-N][0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "partner_kind" NOT NULL,
	"siret" text,
	"commune_code" text,
	"address" text,
	"email" text,
	"phone" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"role" "role" NOT NULL,
	"partner_id" uuid,
	"status" "user_status" DEFAULT 'invited' NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	CONSTRAINT "users_referrer_has_partner" CHECK (("users"."role" = 'referrer') = ("users"."partner_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_programId_name_unique" UNIQUE("program_id","name"),
	CONSTRAINT "cohort_dates" CHECK ("cohorts"."ends_on" IS NULL OR "cohorts"."ends_on" >= "cohorts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"program_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"cohort_id" uuid,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "enrolments_program_id_mentee_id_pk" PRIMARY KEY("program_id","mentee_id")
);
--> statement-breakpoint
CREATE TABLE "match_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"explanation" jsonb NOT NULL,
	"status" "proposal_status" DEFAULT 'staged' NOT NULL,
	"added_by_coordinator" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_proposals_roundId_menteeId_mentorId_unique" UNIQUE("round_id","mentee_id","mentor_id")
);
--> statement-breakpoint
CREATE TABLE "matching_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"cohort_id" uuid,
	"mode" "matching_mode" NOT NULL,
	"status" "round_status" DEFAULT 'staged' NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "pair_exclusions" (
	"mentee_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pair_exclusions_mentee_id_mentor_id_pk" PRIMARY KEY("mentee_id","mentor_id")
);
--> statement-breakpoint
CREATE TABLE "program_mentors" (
	"program_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"cohort_id" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_mentors_program_id_mentor_id_pk" PRIMARY KEY("program_id","mentor_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"partner_id" uuid,
	"tracks" "track"[] DEFAULT '{}'::track[] NOT NULL,
	"duration_months" integer DEFAULT 6 NOT NULL,
	"check_in_months" integer[] DEFAULT '{1,3,6}'::integer[] NOT NULL,
	"proposal_deadline_days" integer DEFAULT 7 NOT NULL,
	"restrict_to_dedicated_mentors" boolean DEFAULT false NOT NULL,
	"matching_weights" jsonb,
	"minimum_score" double precision,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_duration" CHECK ("programs"."duration_months" BETWEEN 1 AND 60),
	CONSTRAINT "program_deadline" CHECK ("programs"."proposal_deadline_days" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"tandem_id" uuid,
	"mentee_id" uuid,
	"partner_id" uuid,
	"message" text NOT NULL,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"dedupe_key" text
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"respondent_id" uuid NOT NULL,
	"side" "respondent_side" NOT NULL,
	"kind" "check_in_kind" NOT NULL,
	"month_number" integer,
	"status" "check_in_status" DEFAULT 'scheduled' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"answered_at" timestamp with time zone,
	"satisfaction" smallint,
	"is_good_fit" smallint,
	"comment" text,
	"answers" jsonb,
	CONSTRAINT "check_in_satisfaction" CHECK ("check_ins"."satisfaction" BETWEEN 1 AND 5),
	CONSTRAINT "check_in_fit" CHECK ("check_ins"."is_good_fit" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"kind" "goal_kind" DEFAULT 'goal' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" "goal_status" DEFAULT 'open' NOT NULL,
	"due_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"achieved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tandem_id" uuid NOT NULL,
	"status" "meeting_status" DEFAULT 'held' NOT NULL,
	"occurs_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" "meeting_mode" NOT NULL,
	"location" text,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"shared_summary" text,
	"logged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_duration" CHECK ("meetings"."duration_minutes" BETWEEN 5 AND 600)
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"visibility" "note_visibility" NOT NULL,
	"tandem_id" uuid,
	"subject_user_id" uuid,
	"meeting_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "note_has_subject" CHECK (num_nonnulls("notes"."tandem_id", "notes"."subject_user_id", "notes"."meeting_id") >= 1)
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentee_id" uuid NOT NULL,
	"tandem_id" uuid,
	"milestone" "outcome_milestone" NOT NULL,
	"kind" "outcome_kind" NOT NULL,
	"observed_on" date NOT NULL,
	"details" jsonb,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tandem_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tandem_id" uuid NOT NULL,
	"from_status" "tandem_status",
	"to_status" "tandem_status" NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "tandems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"cohort_id" uuid,
	"mentee_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"round_id" uuid,
	"proposal_id" uuid,
	"status" "tandem_status" DEFAULT 'proposed' NOT NULL,
	"score" double precision,
	"explanation" jsonb,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reply_deadline_at" timestamp with time zone,
	"mentee_decision" "decision",
	"mentee_decided_at" timestamp with time zone,
	"mentor_decision" "decision",
	"mentor_decided_at" timestamp with time zone,
	"decline_reason" text,
	"accepted_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"planned_end_on" date,
	"ended_at" timestamp with time zone,
	"end_reason" "end_reason",
	"end_comment" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tandem_distinct_people" CHECK ("tandems"."mentee_id" <> "tandems"."mentor_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" "role",
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"ip_address" text,
	"user_agent" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"last_error" text,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "qpv_communes" ADD CONSTRAINT "qpv_communes_qpv_code_qpvs_code_fk" FOREIGN KEY ("qpv_code") REFERENCES "public"."qpvs"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_appellations" ADD CONSTRAINT "rome_appellations_rome_code_rome_occupations_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_domaines" ADD CONSTRAINT "rome_domaines_grand_domaine_code_rome_grands_domaines_code_fk" FOREIGN KEY ("grand_domaine_code") REFERENCES "public"."rome_grands_domaines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_occupations" ADD CONSTRAINT "rome_occupations_domaine_code_rome_domaines_code_fk" FOREIGN KEY ("domaine_code") REFERENCES "public"."rome_domaines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentee_profiles" ADD CONSTRAINT "mentee_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentee_profiles" ADD CONSTRAINT "mentee_profiles_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentee_profiles" ADD CONSTRAINT "mentee_profiles_referrer_id_users_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentee_profiles" ADD CONSTRAINT "mentee_profiles_business_sector_code_naf_codes_code_fk" FOREIGN KEY ("business_sector_code") REFERENCES "public"."naf_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentee_profiles" ADD CONSTRAINT "mentee_profiles_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_vetted_by_users_id_fk" FOREIGN KEY ("vetted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_sector_code_naf_codes_code_fk" FOREIGN KEY ("sector_code") REFERENCES "public"."naf_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_round_id_matching_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."matching_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_proposals" ADD CONSTRAINT "match_proposals_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_rounds" ADD CONSTRAINT "matching_rounds_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_rounds" ADD CONSTRAINT "matching_rounds_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_rounds" ADD CONSTRAINT "matching_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_rounds" ADD CONSTRAINT "matching_rounds_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_exclusions" ADD CONSTRAINT "pair_exclusions_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_exclusions" ADD CONSTRAINT "pair_exclusions_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_exclusions" ADD CONSTRAINT "pair_exclusions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_mentors" ADD CONSTRAINT "program_mentors_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_mentors" ADD CONSTRAINT "program_mentors_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_mentors" ADD CONSTRAINT "program_mentors_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_respondent_id_users_id_fk" FOREIGN KEY ("respondent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_status_history" ADD CONSTRAINT "tandem_status_history_tandem_id_tandems_id_fk" FOREIGN KEY ("tandem_id") REFERENCES "public"."tandems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandem_status_history" ADD CONSTRAINT "tandem_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_round_id_matching_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."matching_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_proposal_id_match_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."match_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tandems" ADD CONSTRAINT "tandems_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communes_departement_index" ON "communes" USING btree ("departement");--> statement-breakpoint
CREATE INDEX "communes_epci_code_index" ON "communes" USING btree ("epci_code");--> statement-breakpoint
CREATE INDEX "communes_parent_code_index" ON "communes" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "naf_codes_parent_code_index" ON "naf_codes" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "qpv_communes_commune_code_index" ON "qpv_communes" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "rome_appellations_rome_code_index" ON "rome_appellations" USING btree ("rome_code");--> statement-breakpoint
CREATE INDEX "rome_occupations_domaine_code_index" ON "rome_occupations" USING btree ("domaine_code");--> statement-breakpoint
CREATE INDEX "consents_user_id_index" ON "consents" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mentee_profiles_partner_id_index" ON "mentee_profiles" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "mentee_profiles_referrer_id_index" ON "mentee_profiles" USING btree ("referrer_id");--> statement-breakpoint
CREATE INDEX "mentee_profiles_status_index" ON "mentee_profiles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "mentee_profiles_track_index" ON "mentee_profiles" USING btree ("track");--> statement-breakpoint
CREATE INDEX "mentor_profiles_status_index" ON "mentor_profiles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "mentor_profiles_commune_code_index" ON "mentor_profiles" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_name_unique" ON "partners" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_index" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "users_partner_id_index" ON "users" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "enrolments_mentee_id_index" ON "enrolments" USING btree ("mentee_id");--> statement-breakpoint
CREATE INDEX "match_proposals_round_id_index" ON "match_proposals" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "matching_rounds_program_id_index" ON "matching_rounds" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "pair_exclusions_mentor_id_index" ON "pair_exclusions" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "program_mentors_mentor_id_index" ON "program_mentors" USING btree ("mentor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedupe" ON "alerts" USING btree ("dedupe_key") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_status_created_at_index" ON "alerts" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "alerts_partner_id_index" ON "alerts" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "check_ins_tandem_id_index" ON "check_ins" USING btree ("tandem_id");--> statement-breakpoint
CREATE INDEX "check_ins_status_due_at_index" ON "check_ins" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "goals_tandem_id_index" ON "goals" USING btree ("tandem_id");--> statement-breakpoint
CREATE INDEX "meetings_tandem_id_occurs_at_index" ON "meetings" USING btree ("tandem_id","occurs_at");--> statement-breakpoint
CREATE INDEX "notes_tandem_id_index" ON "notes" USING btree ("tandem_id");--> statement-breakpoint
CREATE INDEX "notes_subject_user_id_index" ON "notes" USING btree ("subject_user_id");--> statement-breakpoint
CREATE INDEX "outcomes_mentee_id_index" ON "outcomes" USING btree ("mentee_id");--> statement-breakpoint
CREATE INDEX "outcomes_tandem_id_index" ON "outcomes" USING btree ("tandem_id");--> statement-breakpoint
CREATE INDEX "tandem_status_history_tandem_id_index" ON "tandem_status_history" USING btree ("tandem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tandems_one_current_per_mentee_program" ON "tandems" USING btree ("mentee_id","program_id") WHERE "tandems"."status" IN ('proposed', 'accepted', 'active');--> statement-breakpoint
CREATE INDEX "tandems_mentor_id_index" ON "tandems" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "tandems_status_index" ON "tandems" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tandems_program_id_index" ON "tandems" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_type_subject_id_index" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_at_index" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_idempotency_key_unique" ON "jobs" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("status","run_at");