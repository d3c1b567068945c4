ALTER TABLE "model_calls" ADD COLUMN "run_id" uuid;--> statement-breakpoint
CREATE INDEX "model_calls_run_idx" ON "model_calls" USING btree ("run_id") WHERE run_id is not null;--> statement-breakpoint
CREATE INDEX "model_calls_workspace_prompt_idx" ON "model_calls" USING btree ("workspace_id","prompt","created_at");