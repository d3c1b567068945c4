CREATE TABLE "buying_process_maps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"persona_id" uuid,
	"persona_name" text NOT NULL,
	"status" text NOT NULL,
	"phase" text NOT NULL,
	"stage_count" integer NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buying_process_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"map_id" uuid NOT NULL,
	"persona_id" uuid,
	"position" integer NOT NULL,
	"stage_name" text NOT NULL,
	"buyer_actions" text NOT NULL,
	"duration" text NOT NULL,
	"key_influencers" text NOT NULL,
	"seller_actions" text NOT NULL,
	"content_type" text NOT NULL,
	"key_message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buying_process_maps" ADD CONSTRAINT "buying_process_maps_id_wizard_sessions_id_fk" FOREIGN KEY ("id") REFERENCES "public"."wizard_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_maps" ADD CONSTRAINT "buying_process_maps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_maps" ADD CONSTRAINT "buying_process_maps_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_stages" ADD CONSTRAINT "buying_process_stages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_stages" ADD CONSTRAINT "buying_process_stages_map_id_buying_process_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."buying_process_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_stages" ADD CONSTRAINT "buying_process_stages_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buying_process_maps_workspace_updated_idx" ON "buying_process_maps" USING btree ("workspace_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "buying_process_stages_map_position_uq" ON "buying_process_stages" USING btree ("map_id","position");--> statement-breakpoint
CREATE INDEX "buying_process_stages_persona_idx" ON "buying_process_stages" USING btree ("workspace_id","persona_id");