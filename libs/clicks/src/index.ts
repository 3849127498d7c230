export { ClicksModule } from './clicks.module';
export { ClickOutcome, RecordClickCommand } from './record-click/record-click.command';
