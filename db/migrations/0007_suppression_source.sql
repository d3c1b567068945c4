ALTER TABLE "suppressions" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
-- Existing rows: the unsubscribe page and one-click POST stored the reason 'unsubscribed' (the form's
-- default for a hand-added address is 'added by hand'); everything else was added by hand.
UPDATE "suppressions" SET "source" = 'unsubscribe' WHERE "reason" = 'unsubscribed';
