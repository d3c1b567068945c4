CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"session_id" uuid,
	"person_key" text NOT NULL,
	"user_id" uuid,
	"helpful" boolean,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"need_more" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"text" text,
	"rating" smallint,
	"goal_achieved" text,
	"still_need" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_rating_range" CHECK ("feedback"."rating" is null or ("feedback"."rating" >= 1 and "feedback"."rating" <= 5))
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_session_id_wizard_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."wizard_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_person_target_uq" ON "feedback" USING btree ("workspace_id","target_kind","target_id","person_key");--> statement-breakpoint
CREATE INDEX "feedback_workspace_kind_idx" ON "feedback" USING btree ("workspace_id","target_kind","updated_at");