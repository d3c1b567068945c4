CREATE TABLE "workspace_memory" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"source" text NOT NULL,
	"confidence" real DEFAULT 1 NOT NULL,
	"visible" boolean DEFAULT true NOT NULL,
	"editable" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp with time zone,
	"learned_from" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "workspace_memory_workspace_id_key_pk" PRIMARY KEY("workspace_id","key"),
	CONSTRAINT "workspace_memory_confidence_range" CHECK ("workspace_memory"."confidence" >= 0 and "workspace_memory"."confidence" <= 1)
);
--> statement-breakpoint
ALTER TABLE "workspace_memory" ADD CONSTRAINT "workspace_memory_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_memory" ADD CONSTRAINT "workspace_memory_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;