CREATE TABLE "analytics_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"persona_id" uuid,
	"kind" text NOT NULL,
	"rules_version" integer,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "persona_match_stats" (
	"persona_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"scored" integer NOT NULL,
	"listed" integer NOT NULL,
	"strong" integer NOT NULL,
	"moderate" integer NOT NULL,
	"weak" integer NOT NULL,
	"score_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persona_matches" (
	"persona_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"score" real NOT NULL,
	"matched_mask" smallint NOT NULL,
	"defined_mask" smallint NOT NULL,
	"submitted_on" date NOT NULL,
	CONSTRAINT "persona_matches_persona_id_response_id_pk" PRIMARY KEY("persona_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "persona_rules" (
	"persona_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"defined_mask" smallint NOT NULL,
	"rule_count" smallint NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"location_keys" text[] NOT NULL,
	"occupation_keys" text[] NOT NULL,
	"gender_keys" text[] NOT NULL,
	"goal_keys" text[] NOT NULL,
	"frustration_keys" text[] NOT NULL,
	"auto_sync" boolean DEFAULT true NOT NULL,
	"last_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persona_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"snapshot_date" date NOT NULL,
	"metrics" jsonb NOT NULL,
	"demographics" jsonb NOT NULL,
	"response_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_stats" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"total" integer NOT NULL,
	"covered" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_links_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"respondent_email" text,
	"respondent_name" text,
	"consent" boolean DEFAULT false NOT NULL,
	"age" integer,
	"location" text,
	"occupation" text,
	"gender" text,
	"goals" text[] NOT NULL,
	"frustrations" text[] NOT NULL,
	"location_key" text,
	"occupation_key" text,
	"gender_key" text,
	"goal_keys" text[] NOT NULL,
	"frustration_keys" text[] NOT NULL,
	"satisfaction" smallint,
	"nps" smallint,
	"trust" smallint,
	"effort" smallint,
	"answers" jsonb NOT NULL,
	"source" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_jobs" ADD CONSTRAINT "analytics_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_jobs" ADD CONSTRAINT "analytics_jobs_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_match_stats" ADD CONSTRAINT "persona_match_stats_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_match_stats" ADD CONSTRAINT "persona_match_stats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_matches" ADD CONSTRAINT "persona_matches_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_rules" ADD CONSTRAINT "persona_rules_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_rules" ADD CONSTRAINT "persona_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_snapshots" ADD CONSTRAINT "persona_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_snapshots" ADD CONSTRAINT "persona_snapshots_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_stats" ADD CONSTRAINT "response_stats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_jobs_persona_idx" ON "analytics_jobs" USING btree ("persona_id","created_at");--> statement-breakpoint
CREATE INDEX "persona_matches_persona_score_idx" ON "persona_matches" USING btree ("persona_id","score","submitted_on","response_id");--> statement-breakpoint
CREATE INDEX "persona_matches_response_idx" ON "persona_matches" USING btree ("response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persona_snapshots_persona_date_uq" ON "persona_snapshots" USING btree ("persona_id","snapshot_date");--> statement-breakpoint
CREATE INDEX "survey_responses_workspace_idx" ON "survey_responses" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "survey_responses_workspace_submitted_idx" ON "survey_responses" USING btree ("workspace_id","submitted_at");