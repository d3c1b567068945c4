CREATE TABLE "contact_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"product_id" uuid,
	"version" integer NOT NULL,
	"brief" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wizard_sessions" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "contact_analyses" ADD CONSTRAINT "contact_analyses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_analyses" ADD CONSTRAINT "contact_analyses_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_analyses" ADD CONSTRAINT "contact_analyses_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_analyses_contact_version_uq" ON "contact_analyses" USING btree ("contact_id","version");--> statement-breakpoint
CREATE INDEX "wizard_sessions_subject_idx" ON "wizard_sessions" USING btree ("workspace_id","flow","subject_id");