CREATE TABLE "employer_group_members" (
	"group_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_group_members_group_id_organization_id_pk" PRIMARY KEY("group_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "employer_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_form" text NOT NULL,
	"siret" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondment_listing_competencies" (
	"listing_id" text NOT NULL,
	"competency_id" text NOT NULL,
	CONSTRAINT "secondment_listing_competencies_listing_id_competency_id_pk" PRIMARY KEY("listing_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "secondment_listings" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organization_id" text NOT NULL,
	"title" text NOT NULL,
	"trade_id" text,
	"seniority" text,
	"duration_min_months" integer NOT NULL,
	"duration_max_months" integer NOT NULL,
	"start_date" date NOT NULL,
	"work_time" text NOT NULL,
	"description" text,
	"person_name" text,
	"status" text DEFAULT 'published' NOT NULL,
	"posted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondments" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text,
	"request_id" text,
	"lending_organization_id" text NOT NULL,
	"host_organization_id" text NOT NULL,
	"person_name" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"notes" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_position_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"position_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"signed_on" date,
	"ended_on" date,
	"document_key" text,
	"document_name" text,
	"notes" text,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_position_shares" (
	"position_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"time_basis_points" integer,
	"time_minutes" integer,
	"cost_basis_points" integer NOT NULL,
	CONSTRAINT "shared_position_shares_position_id_organization_id_pk" PRIMARY KEY("position_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "shared_position_slots" (
	"position_id" text NOT NULL,
	"day" integer NOT NULL,
	"half" text NOT NULL,
	"organization_id" text NOT NULL,
	CONSTRAINT "shared_position_slots_position_id_day_half_pk" PRIMARY KEY("position_id","day","half")
);
--> statement-breakpoint
CREATE TABLE "shared_positions" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"title" text NOT NULL,
	"trade_id" text,
	"employee_name" text,
	"weekly_minutes" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"monthly_cost_cents" integer NOT NULL,
	"split_mode" text DEFAULT 'percent' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employer_group_members" ADD CONSTRAINT "employer_group_members_group_id_employer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."employer_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_group_members" ADD CONSTRAINT "employer_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_listing_competencies" ADD CONSTRAINT "secondment_listing_competencies_listing_id_secondment_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."secondment_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_listing_competencies" ADD CONSTRAINT "secondment_listing_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_listings" ADD CONSTRAINT "secondment_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_listings" ADD CONSTRAINT "secondment_listings_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondment_listings" ADD CONSTRAINT "secondment_listings_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_offer_id_secondment_listings_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."secondment_listings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_request_id_secondment_listings_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."secondment_listings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_lending_organization_id_organizations_id_fk" FOREIGN KEY ("lending_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_host_organization_id_organizations_id_fk" FOREIGN KEY ("host_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_agreements" ADD CONSTRAINT "shared_position_agreements_position_id_shared_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."shared_positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_agreements" ADD CONSTRAINT "shared_position_agreements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_agreements" ADD CONSTRAINT "shared_position_agreements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_shares" ADD CONSTRAINT "shared_position_shares_position_id_shared_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."shared_positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_shares" ADD CONSTRAINT "shared_position_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_slots" ADD CONSTRAINT "shared_position_slots_position_id_shared_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."shared_positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_position_slots" ADD CONSTRAINT "shared_position_slots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_positions" ADD CONSTRAINT "shared_positions_group_id_employer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."employer_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_positions" ADD CONSTRAINT "shared_positions_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employer_group_members_organization_idx" ON "employer_group_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "secondment_listing_competencies_competency_idx" ON "secondment_listing_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE INDEX "secondment_listings_kind_idx" ON "secondment_listings" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "secondment_listings_organization_idx" ON "secondment_listings" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "secondments_lending_idx" ON "secondments" USING btree ("lending_organization_id");--> statement-breakpoint
CREATE INDEX "secondments_host_idx" ON "secondments" USING btree ("host_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shared_position_agreements_key" ON "shared_position_agreements" USING btree ("position_id","organization_id");--> statement-breakpoint
CREATE INDEX "shared_position_agreements_organization_idx" ON "shared_position_agreements" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "shared_positions_group_idx" ON "shared_positions" USING btree ("group_id");