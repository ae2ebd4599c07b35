CREATE TABLE "label_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"label_id" text NOT NULL,
	"training_id" text,
	"provider_id" text,
	"audited_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'granted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_request_trades" (
	"request_id" text NOT NULL,
	"trade_id" text NOT NULL,
	CONSTRAINT "school_request_trades_request_id_trade_id_pk" PRIMARY KEY("request_id","trade_id")
);
--> statement-breakpoint
CREATE TABLE "school_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"school_name" text NOT NULL,
	"commune_name" text,
	"contact_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"class_level" text NOT NULL,
	"pupils" integer NOT NULL,
	"wished_dates" text,
	"message" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"matched_volunteer_id" text,
	"consent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_volunteers" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"message" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_labels" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"criteria" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"training_id" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "training_trades" (
	"training_id" text NOT NULL,
	"trade_id" text NOT NULL,
	CONSTRAINT "training_trades_training_id_trade_id_pk" PRIMARY KEY("training_id","trade_id")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"provider_id" text NOT NULL,
	"kind" text NOT NULL,
	"content" text,
	"objectives" text,
	"duration_hours" integer,
	"mode" text DEFAULT 'onsite' NOT NULL,
	"commune_insee" text,
	"commune_name" text,
	"departement_code" text,
	"fundings" text[] DEFAULT '{}'::text[] NOT NULL,
	"funding_note" text,
	"level" text,
	"certification" text,
	"url" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "training_paths" text;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "videos" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "photo_key" text;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_label_id_training_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."training_labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_provider_id_organizations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_request_trades" ADD CONSTRAINT "school_request_trades_request_id_school_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."school_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_request_trades" ADD CONSTRAINT "school_request_trades_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_volunteers" ADD CONSTRAINT "school_volunteers_request_id_school_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."school_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_volunteers" ADD CONSTRAINT "school_volunteers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_volunteers" ADD CONSTRAINT "school_volunteers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_trades" ADD CONSTRAINT "training_trades_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_trades" ADD CONSTRAINT "training_trades_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_provider_id_organizations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_grants_training_idx" ON "label_grants" USING btree ("training_id");--> statement-breakpoint
CREATE INDEX "label_grants_provider_idx" ON "label_grants" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "school_requests_status_idx" ON "school_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "school_volunteers_request_org_key" ON "school_volunteers" USING btree ("request_id","organization_id");--> statement-breakpoint
CREATE INDEX "training_sessions_training_idx" ON "training_sessions" USING btree ("training_id","starts_on");--> statement-breakpoint
CREATE INDEX "training_trades_trade_idx" ON "training_trades" USING btree ("trade_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainings_slug_key" ON "trainings" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "trainings_provider_idx" ON "trainings" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "trainings_status_idx" ON "trainings" USING btree ("status");--> statement-breakpoint
ALTER TABLE "label_grants" ADD CONSTRAINT "label_grants_one_holder" CHECK ((training_id IS NULL) <> (provider_id IS NULL));
