CREATE TABLE "buying_process_map_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"map_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"source" text NOT NULL,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buying_process_maps" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_analyses" ADD COLUMN "restored_from" integer;--> statement-breakpoint
ALTER TABLE "persona_versions" ADD COLUMN "restored_from" integer;--> statement-breakpoint
ALTER TABLE "buying_process_map_versions" ADD CONSTRAINT "buying_process_map_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buying_process_map_versions" ADD CONSTRAINT "buying_process_map_versions_map_id_buying_process_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."buying_process_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buying_process_map_versions_map_version_uq" ON "buying_process_map_versions" USING btree ("map_id","version");--> statement-breakpoint
INSERT INTO "buying_process_map_versions" ("workspace_id", "map_id", "version", "data", "source", "created_at")
SELECT "workspace_id", "id", 1, "data", 'wizard', "updated_at" FROM "buying_process_maps";
