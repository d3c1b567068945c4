CREATE TABLE "prompt_versions" (
	"prompt" text NOT NULL,
	"version" text NOT NULL,
	"template" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_versions_prompt_version_pk" PRIMARY KEY("prompt","version")
);
--> statement-breakpoint
CREATE TABLE "session_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"turn_id" uuid,
	"position" integer NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"undone_in_version" integer
);
--> statement-breakpoint
CREATE TABLE "session_turns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"input" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model_calls" ADD COLUMN "prompt_version" text;--> statement-breakpoint
ALTER TABLE "model_calls" ADD COLUMN "turn_id" uuid;--> statement-breakpoint
ALTER TABLE "wizard_snapshots" ADD COLUMN "message_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_session_id_wizard_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wizard_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_turn_id_session_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."session_turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_turns" ADD CONSTRAINT "session_turns_session_id_wizard_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wizard_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_messages_session_position_idx" ON "session_messages" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "session_turns_session_version_idx" ON "session_turns" USING btree ("session_id","version");--> statement-breakpoint
CREATE INDEX "model_calls_turn_idx" ON "model_calls" USING btree ("turn_id") WHERE turn_id is not null;--> statement-breakpoint
-- Conversations so far: every snapshot's message count, and each session's messages as rows (no turn).
UPDATE "wizard_snapshots" SET "message_count" = jsonb_array_length("state"->'messages') WHERE jsonb_typeof("state"->'messages') = 'array';--> statement-breakpoint
INSERT INTO "session_messages" ("id", "workspace_id", "session_id", "position", "role", "text", "at")
SELECT gen_random_uuid(), s."workspace_id", s."id", m.ord - 1, m.value->>'role', coalesce(m.value->>'text', ''), coalesce((m.value->>'at')::timestamptz, snap."created_at")
  FROM "wizard_sessions" s
  JOIN "wizard_snapshots" snap ON snap."id" = s."head_snapshot_id"
  CROSS JOIN LATERAL jsonb_array_elements(snap."state"->'messages') WITH ORDINALITY AS m(value, ord)
 WHERE jsonb_typeof(snap."state"->'messages') = 'array' AND m.value->>'role' IN ('user', 'assistant');
