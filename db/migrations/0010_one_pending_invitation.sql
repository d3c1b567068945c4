-- Invitations sent twice before this migration: the newest pending one per address stays open,
-- the older ones are canceled (their links stop working; the newest still does).
UPDATE "workspace_invitations" i SET "status" = 'canceled'
WHERE i."status" = 'pending' AND EXISTS (
  SELECT 1 FROM "workspace_invitations" n
  WHERE n."workspace_id" = i."workspace_id" AND n."email" = i."email" AND n."status" = 'pending'
    AND (n."created_at", n."id") > (i."created_at", i."id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_invitations_pending_uq" ON "workspace_invitations" USING btree ("workspace_id","email") WHERE status = 'pending';
