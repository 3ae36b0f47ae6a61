export interface MigrationsTable {
  name: string;
  tier: 'evidence' | 'working';
  applied_at: string;
}
